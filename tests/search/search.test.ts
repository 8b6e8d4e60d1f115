import { beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database, Db } from '@/db/client';
import { categories, complaintParties, complaints, users, type Complaint } from '@/db/schema';
import { loadStaffUser, type StaffUser } from '@/db/queries/staff';
import { createComplaint } from '@/lib/complaints/commands';
import { canSee } from '@/lib/complaints/access';
import {
  containsPattern,
  decodeCursor,
  encodeCursor,
  parseSearchParams,
  searchComplaints,
  type SearchFilters,
} from '@/lib/complaints/search';
import { openStates } from '@/lib/workflow';
import { forEachBackend } from '@/tests/helpers/databases';
import { openDemo } from '@/tests/helpers/demo';

/** Monday 2026-11-02 09:00 Asia/Shanghai. */
const NOW = new Date('2026-11-02T01:00:00Z');
const TZ = 'Asia/Shanghai';
const HOUR = 3_600_000;

const filters = (f: Partial<SearchFilters> = {}): SearchFilters => ({ overdue: false, ...f }) as SearchFilters;

/** Walks every page forwards; returns the pages. */
async function walk(db: Db, user: StaffUser, f: SearchFilters, pageSize = 25) {
  const pages: { numbers: string[]; next?: string; previous?: string }[] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await searchComplaints(user, f, { after: decodeCursor(after), now: NOW, timeZone: TZ, pageSize }, db);
    pages.push({ numbers: page.rows.map((r) => r.number), next: page.next, previous: page.previous });
    if (!page.next) break;
    after = page.next;
  }
  return pages;
}

async function allNumbers(db: Db, user: StaffUser, f: SearchFilters): Promise<string[]> {
  return (await walk(db, user, f, 100)).flatMap((p) => p.numbers).sort();
}

forEachBackend('search', (backend) => {
  let database: Database;
  let db: Db;
  let forms: Complaint[];
  const staff: Record<string, StaffUser> = {};
  const cats = new Map<string, string>();
  let parties = new Map<string, string[]>();
  const loadForms = async () => {
    forms = await db.select().from(complaints);
    parties = new Map();
    for (const p of await db.select().from(complaintParties)) parties.set(p.complaintId, [...(parties.get(p.complaintId) ?? []), p.userId]);
  };
  const visible = (user: StaffUser, pred: (c: Complaint) => boolean) =>
    forms.filter((c) => canSee(user, { ...c, partyUserIds: parties.get(c.id) ?? [] }) && pred(c)).map((c) => c.number).sort();

  beforeAll(async () => {
    ({ database, db } = await openDemo(backend, NOW, staff));
    // Forms only an English search or a wildcard search can find.
    await createComplaint({
      channel: 'email', customerName: 'John Smith', customerPhone: '+8613811112222', categoryCode: 'quality',
      description: 'The air conditioner SMELLS musty after the service.', customerRequest: 'Fix it, 100% free.',
    }, { ...staff.desk }, { now: new Date(NOW.getTime() - 2 * HOUR) }, db);
    await loadForms();
    for (const c of await db.select().from(categories)) cats.set(c.code, c.id);
  });

  it('finds a form by a 2-character Chinese word (异味), and only forms that contain it', async () => {
    const found = await allNumbers(db, staff.management, filters({ q: '异味' }));
    expect(found.length).toBeGreaterThan(0);
    expect(found).toEqual(visible(staff.management, (c) => `${c.description}${c.customerRequest ?? ''}`.includes('异味')));
    // Several words: all must occur.
    const two = await allNumbers(db, staff.management, filters({ q: '异味 原厂' }));
    expect(two).toEqual(visible(staff.management, (c) => { const s = `${c.description} ${c.customerRequest}`; return s.includes('异味') && s.includes('原厂'); }));
    expect(await allNumbers(db, staff.management, filters({ q: '异味 不存在的词' }))).toEqual([]);
  });

  it('finds English text case-insensitively and takes % and _ literally', async () => {
    const smith = forms.find((c) => c.customerName === 'John Smith')!;
    expect(await allNumbers(db, staff.management, filters({ q: 'smells musty' }))).toEqual([smith.number]);
    expect(await allNumbers(db, staff.management, filters({ q: 'john' }))).toEqual([smith.number]);
    expect(await allNumbers(db, staff.management, filters({ q: '100%' }))).toEqual([smith.number]);
    expect(await allNumbers(db, staff.management, filters({ q: '%' }))).toEqual([smith.number]);
    expect(await allNumbers(db, staff.management, filters({ q: '_' }))).toEqual([]);
    expect(containsPattern('a%b_c\\')).toBe('%a\\%b\\_c\\\\%');
  });

  it('each field filter narrows to exactly the matching forms', async () => {
    const m = staff.management;
    const some = forms[7];
    expect(await allNumbers(db, m, filters({ number: some.number }))).toEqual([some.number]);
    expect(await allNumbers(db, m, filters({ number: some.number.toLowerCase() }))).toEqual([some.number]);
    const tail = some.number.slice(-3);
    expect(await allNumbers(db, m, filters({ number: tail }))).toEqual(visible(m, (c) => c.number.includes(tail)));
    expect(await allNumbers(db, m, filters({ name: '刘建国' }))).toEqual(visible(m, (c) => c.customerName.includes('刘建国')));
    expect(await allNumbers(db, m, filters({ phone: '13300133007' }))).toEqual(visible(m, (c) => c.customerPhone === '+8613300133007')); // stored in E.164
    expect(await allNumbers(db, m, filters({ phone: '3007' }))).toEqual(visible(m, (c) => c.customerPhone.includes('3007')));
    expect(await allNumbers(db, m, filters({ plate: '粤a·3k7' }))).toEqual(visible(m, (c) => (c.plate ?? '').includes('粤A·3K7')));
    for (const state of ['received', 'pending', 'archived'] as const) {
      const got = await allNumbers(db, m, filters({ state }));
      expect(got.length).toBeGreaterThan(0);
      expect(got).toEqual(visible(m, (c) => c.status === state));
    }
    const service = forms.find((c) => c.departmentId)!.departmentId!;
    expect(await allNumbers(db, m, filters({ department: service }))).toEqual(visible(m, (c) => c.departmentId === service));
    expect(await allNumbers(db, m, filters({ category: 'delay' }))).toEqual(visible(m, (c) => c.categoryId === cats.get('delay')));
    expect(await allNumbers(db, m, filters({ severity: 'urgent' }))).toEqual(visible(m, (c) => c.severity === 'urgent'));
    const overdue = await allNumbers(db, m, filters({ overdue: true }));
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue).toEqual(visible(m, (c) => !!c.stepDueAt && c.stepDueAt < NOW && openStates.includes(c.status as never)));
    // Date range in business days (Asia/Shanghai): 2026-11-01 is the day before NOW.
    const from = new Date('2026-10-31T16:00:00Z');
    const to = new Date('2026-11-01T16:00:00Z');
    expect(await allNumbers(db, m, filters({ from: '2026-11-01', to: '2026-11-01' }))).toEqual(visible(m, (c) => c.receivedAt >= from && c.receivedAt < to));
    expect(await allNumbers(db, m, filters({ to: '2026-10-20' }))).toEqual(visible(m, (c) => c.receivedAt < new Date('2026-10-20T16:00:00Z')));
    // Filters combine.
    expect(await allNumbers(db, m, filters({ state: 'received', category: 'quality' }))).toEqual(
      visible(m, (c) => c.status === 'received' && c.categoryId === cats.get('quality')),
    );
  });

  it('reads filters from the query string and ignores malformed values', () => {
    const p = parseSearchParams({ q: ' 异味 ', state: 'nonsense', department: 'x', overdue: '1', from: '2026-13', after: 'garbage', severity: ['urgent', 'general'] });
    expect(p.filters).toMatchObject({ q: '异味', overdue: true, severity: 'urgent' });
    expect(p.filters.state).toBeUndefined();
    expect(p.filters.department).toBeUndefined();
    expect(p.after).toBeUndefined();
    const c = { receivedAt: '2026-11-02 09:00:00.123456+08', id: '00000000-0000-4000-8000-000000000000' };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(decodeCursor(Buffer.from('["2026-11-02\', 1]').toString('base64url'))).toBeUndefined();
  });

  it('walks 60 results in pages of 25/25/10, exactly once each, also with equal received_at, and back', async () => {
    const created: string[] = [];
    for (let i = 0; i < 60; i++) {
      // Groups of 7 forms share one received_at: the id breaks the tie.
      const at = new Date(NOW.getTime() - 400 * HOUR + Math.floor(i / 7) * HOUR);
      const { complaint } = await createComplaint({
        channel: 'phone', customerName: `分页测试${i}`, customerPhone: `1500000${String(i).padStart(4, '0')}`,
        categoryCode: 'other', description: '翻页测试用的反馈单。',
      }, { ...staff.desk }, { now: at }, db);
      created.push(complaint.number);
    }
    const f = filters({ name: '分页测试' });
    const pages = await walk(db, staff.desk, f);
    expect(pages.map((p) => p.numbers.length)).toEqual([25, 25, 10]);
    const seen = pages.flatMap((p) => p.numbers);
    expect(new Set(seen).size).toBe(60);
    expect([...seen].sort()).toEqual([...created].sort());
    expect(pages[0].previous).toBeUndefined();
    expect(pages[2].next).toBeUndefined();
    // Strictly descending (received_at, id).
    const rows = await db.select({ number: complaints.number, receivedAt: complaints.receivedAt, id: complaints.id }).from(complaints);
    const key = new Map(rows.map((r) => [r.number, r]));
    for (let i = 1; i < seen.length; i++) {
      const a = key.get(seen[i - 1])!;
      const b = key.get(seen[i])!;
      expect(a.receivedAt > b.receivedAt || (a.receivedAt.getTime() === b.receivedAt.getTime() && a.id > b.id)).toBe(true);
    }
    // Backwards from the last page: the same pages again.
    const back2 = await searchComplaints(staff.desk, f, { before: decodeCursor(pages[2].previous), now: NOW, timeZone: TZ }, db);
    expect(back2.rows.map((r) => r.number)).toEqual(pages[1].numbers);
    const back1 = await searchComplaints(staff.desk, f, { before: decodeCursor(back2.previous), now: NOW, timeZone: TZ }, db);
    expect(back1.rows.map((r) => r.number)).toEqual(pages[0].numbers);
    expect(back1.previous).toBeUndefined();
    expect(back1.next).toBeDefined();
    // A form received meanwhile (newer than everything) neither repeats nor shifts the later pages.
    await createComplaint({ channel: 'phone', customerName: '分页测试新', customerPhone: '15000009999', categoryCode: 'other', description: '后来才登记的反馈单。' }, { ...staff.desk }, { now: NOW }, db);
    const again = await searchComplaints(staff.desk, f, { after: decodeCursor(pages[0].next), now: NOW, timeZone: TZ }, db);
    expect(again.rows.map((r) => r.number)).toEqual(pages[1].numbers);
  });

  it('shows a department user only the forms of their department, and finance nothing', async () => {
    await loadForms();
    for (const login of ['service', 'parts', 'quality', 'machao']) {
      const u = staff[login];
      const found = await allNumbers(db, u, filters());
      expect(found.length).toBeGreaterThan(0);
      const byNumber = new Map(forms.map((c) => [c.number, c]));
      for (const n of found) expect(byNumber.get(n)!.departmentId).toBe(u.departmentId);
      expect(found).toEqual(visible(u, () => true));
      // A filter naming another department finds nothing.
      const other = forms.find((c) => c.departmentId && c.departmentId !== u.departmentId)!;
      expect(await allNumbers(db, u, filters({ number: other.number }))).toEqual([]);
      expect(await allNumbers(db, u, filters({ department: other.departmentId! }))).toEqual([]);
    }
    expect(await allNumbers(db, staff.finance, filters())).toEqual([]);
  });

  it('applies the same visibility as canSee for every user, including site scope', async () => {
    // A second site with one form: only group-wide users see it.
    const [site] = await database.execute(`insert into sites (code, name) values ('north', '北区店') returning id`);
    const { complaint: far } = await createComplaint({
      channel: 'phone', customerName: '远方客户', customerPhone: '13999990000', categoryCode: 'other', description: '另一家店的反馈。',
    }, null, { now: NOW, siteId: site.id as string }, db);
    await db.update(users).set({ groupWide: true }).where(eq(users.login, 'gm'));
    staff.gm = (await loadStaffUser(staff.gm.id, db))!;
    // Involved parties of other roles too (the demo has machao, a service technician): a desk
    // clerk, management and the group-wide GM, each on a form the others still see.
    const open = forms.filter((c) => c.status !== 'archived');
    await db.insert(complaintParties).values([
      { complaintId: open[1].id, userId: staff.chenchen.id },
      { complaintId: open[2].id, userId: staff.management.id },
      { complaintId: far.id, userId: staff.gm.id },
    ]);
    await loadForms();
    for (const u of Object.values(staff)) {
      expect(await allNumbers(db, u, filters()), u.login).toEqual(visible(u, () => true));
    }
    // The rule itself, not only the agreement: machao sees none of his forms, his colleagues do.
    const machaos = forms.filter((c) => parties.get(c.id)?.includes(staff.machao.id)).map((c) => c.number);
    expect(machaos.length).toBeGreaterThan(0);
    const seenByMachao = await allNumbers(db, staff.machao, filters());
    expect(seenByMachao.length).toBeGreaterThan(0);
    expect(seenByMachao.filter((n) => machaos.includes(n))).toEqual([]);
    const serviceForms = forms.filter((c) => c.departmentId === staff.service.departmentId).map((c) => c.number);
    expect(machaos.filter((n) => serviceForms.includes(n)).length).toBeGreaterThan(0);
    expect(await allNumbers(db, staff.liming, filters())).toEqual(expect.arrayContaining(machaos.filter((n) => serviceForms.includes(n))));
    expect(await allNumbers(db, staff.chenchen, filters())).not.toContain(open[1].number);
    expect(await allNumbers(db, staff.desk, filters())).toContain(open[1].number);
    expect(await allNumbers(db, staff.management, filters({ number: open[2].number }))).toEqual([]);
    expect(await allNumbers(db, staff.gm, filters({ q: '另一家店' }))).toEqual([]);
    await db.delete(complaintParties).where(eq(complaintParties.userId, staff.gm.id));
    await loadForms();
    expect((await allNumbers(db, staff.gm, filters({ q: '另一家店' })))).toEqual([far.number]);
    expect((await allNumbers(db, staff.management, filters({ q: '另一家店' })))).toEqual([]);
  });
});

