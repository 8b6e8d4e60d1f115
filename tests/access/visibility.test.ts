// The one visibility rule (lib/complaints/access.ts) in its three forms — canSee on a loaded
// form, visibleTo in SQL, refuseUnseen for a command — checked as one on a table of cases:
// every role × viewer site × viewer department × group-wide, against forms of both sites,
// without / of either department, with the viewer involved or someone else involved.
import { eq, inArray, and } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { complaintParties, complaints, departments, sites, users } from '@/db/schema';
import type { StaffUser } from '@/db/queries/staff';
import { canSee, refuseUnseen, visibleTo } from '@/lib/complaints/access';
import { createComplaint } from '@/lib/complaints/commands';
import { forEachBackend } from '@/tests/helpers/databases';
import { customerInput, setupDesk } from '@/tests/public/fixtures';

const roles = ['desk', 'department', 'management', 'gm', 'finance', 'admin'] as const;

interface Form {
  id: string;
  number: string;
  siteId: string;
  departmentId: string | null;
  partyUserIds: string[];
}

forEachBackend('one visibility rule', (backend) => {
  let database: Database;
  const viewers: StaffUser[] = [];
  const forms: Form[] = [];

  beforeAll(async () => {
    database = await backend.open();
    const db = database.db;
    const { siteId: siteA } = await setupDesk(db);
    const [siteB] = await db.insert(sites).values({ code: 'east', name: '东区店' }).returning();
    const [d1, d2] = await db.select().from(departments).where(eq(departments.siteId, siteA)).limit(2);
    let n = 0;
    for (const role of roles)
      for (const siteId of [siteA, siteB.id])
        for (const departmentId of [null, d1.id])
          for (const groupWide of [false, true]) {
            const login = `v${n++}`;
            const [u] = await db.insert(users).values({ siteId, login, name: login, role, departmentId, groupWide, passwordHash: 'x' }).returning();
            viewers.push({ id: u.id, login, name: login, role, siteId, departmentId, departmentPosition: null, groupWide, locale: 'zh-CN' });
          }
    // Parties: nobody, every viewer, or every other viewer (so someone else is involved).
    const partyCases = [[], viewers.map((v) => v.id), viewers.filter((_, i) => i % 2 === 0).map((v) => v.id)];
    for (const siteId of [siteA, siteB.id])
      for (const departmentId of [null, d1.id, d2.id])
        for (const partyUserIds of partyCases) {
          const { complaint } = await createComplaint(customerInput(), null, { siteId }, db);
          await db.update(complaints).set({ departmentId }).where(eq(complaints.id, complaint.id));
          if (partyUserIds.length) await db.insert(complaintParties).values(partyUserIds.map((userId) => ({ complaintId: complaint.id, userId })));
          forms.push({ id: complaint.id, number: complaint.number, siteId, departmentId, partyUserIds });
        }
  });

  it('canSee and visibleTo agree on every viewer and form', async () => {
    expect(viewers).toHaveLength(48);
    expect(forms).toHaveLength(18);
    const ids = forms.map((f) => f.id);
    for (const viewer of viewers) {
      const rows = await database.db.select({ number: complaints.number }).from(complaints).where(and(inArray(complaints.id, ids), visibleTo(viewer)));
      const bySql = rows.map((r) => r.number).sort();
      const byTs = forms.filter((f) => canSee(viewer, f)).map((f) => f.number).sort();
      expect({ viewer: viewer.login, role: viewer.role, forms: bySql }).toEqual({ viewer: viewer.login, role: viewer.role, forms: byTs });
    }
  });

  it('a command refuses exactly what canSee hides: an involved party by name, anyone else as not found', async () => {
    for (const viewer of viewers) {
      for (const form of forms) {
        const outcome = await refuseUnseen(database.db, viewer, form).then(
          () => 'ok',
          (e: { code: string }) => e.code,
        );
        const expected = form.partyUserIds.includes(viewer.id) ? 'involved_party' : canSee(viewer, form) ? 'ok' : 'not_found';
        expect({ viewer: viewer.login, form: form.number, outcome }).toEqual({ viewer: viewer.login, form: form.number, outcome: expected });
      }
    }
  });

  it('the table covers the rule: each part of it decides some case', () => {
    const seen = (v: StaffUser) => forms.filter((f) => canSee(v, f)).length;
    const by = (role: string, groupWide: boolean, dept: boolean) => viewers.filter((v) => v.role === role && v.groupWide === groupWide && !!v.departmentId === dept);
    // Finance sees nothing; nobody sees a form they are involved in.
    expect(by('finance', true, false).map(seen)).toEqual([0, 0]);
    for (const v of viewers) expect(forms.filter((f) => f.partyUserIds.includes(v.id) && canSee(v, f))).toEqual([]);
    // Site scope: a group-wide manager sees both sites' forms, a site-bound one only their own.
    const [local] = by('management', false, false);
    const [wide] = by('management', true, false);
    expect(forms.filter((f) => canSee(local, f)).every((f) => f.siteId === local.siteId)).toBe(true);
    expect(new Set(forms.filter((f) => canSee(wide, f)).map((f) => f.siteId)).size).toBe(2);
    // A department member sees only their own department's forms; one without a department sees none.
    for (const v of by('department', false, true)) expect(forms.filter((f) => canSee(v, f)).every((f) => f.departmentId === v.departmentId)).toBe(true);
    expect(by('department', true, false).map(seen)).toEqual([0, 0]);
    expect(seen(by('department', false, true)[0])).toBeGreaterThan(0);
  });
});
