import { beforeAll, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import type { Database, Db } from '@/db/client';
import { complaints, sites, users, type Complaint } from '@/db/schema';
import { seedBase, seedDemo } from '@/db/seed';
import { loadStaffUser, type StaffUser } from '@/db/queries/staff';
import { createComplaint } from '@/lib/complaints/commands';
import { decodeCursor, filterConditions, searchComplaints, type SearchFilters } from '@/lib/complaints/search';
import { forEachBackend } from '@/tests/helpers/databases';

/** Monday 2026-11-02 09:00 Asia/Shanghai. */
const NOW = new Date('2026-11-02T01:00:00Z');
const TZ = 'Asia/Shanghai';
const HOUR = 3_600_000;

const filters = (f: Partial<SearchFilters> = {}): SearchFilters => ({ overdue: false, ...f }) as SearchFilters;

/** The searchable text of a form, as complaintSearchTextOf builds it. */
const haystack = (c: Complaint) =>
  [c.number, c.customerName, c.customerPhone, c.plate ?? '', c.subjectProduct ?? '', c.vehicleModel ?? '', c.description, c.customerRequest ?? ''].join(' ');

forEachBackend('search: Chinese words, phone digits', (backend) => {
  let database: Database;
  let db: Db;
  let management: StaffUser;
  let desk: StaffUser;

  const all = async (f: Partial<SearchFilters>): Promise<string[]> => {
    const found: string[] = [];
    let after: string | undefined;
    for (let guard = 0; guard < 50; guard++) {
      const page = await searchComplaints(management, filters(f), { after: decodeCursor(after), now: NOW, timeZone: TZ, pageSize: 100 }, db);
      found.push(...page.rows.map((r) => r.number));
      if (!page.next) break;
      after = page.next;
    }
    return found.sort();
  };
  const expected = async (pred: (c: Complaint) => boolean) => (await db.select().from(complaints)).filter(pred).map((c) => c.number).sort();
  const add = async (fields: { customerName?: string; customerPhone?: string; description: string; customerRequest?: string; plate?: string }) =>
    (
      await createComplaint(
        { channel: 'phone', customerName: '测试客户', customerPhone: '13912345678', categoryCode: 'quality', ...fields },
        { ...desk },
        { now: new Date(NOW.getTime() - HOUR) },
        db,
      )
    ).complaint;

  beforeAll(async () => {
    database = await backend.open();
    db = database.db;
    await seedBase(db);
    await seedDemo(db, NOW);
    const staff = async (login: string) => (await loadStaffUser((await db.select().from(users).where(eq(users.login, login)))[0].id, db))!;
    management = await staff('management');
    desk = await staff('desk');
  });

  it('tokenises CJK text into its characters and adjacent pairs, and a query word into what it must contain', async () => {
    const [row] = await database.execute(
      `select kesu_cjk_tokens('急加速时，天窗异响 seal 𠮷野 a中b') as tokens, kesu_cjk_query('天窗') as two, kesu_cjk_query('漏') as one,
              kesu_cjk_query('火花塞') as three, kesu_cjk_query('发动机故障灯') as six, kesu_cjk_query('天窗seal漏') as mixed, kesu_cjk_query('seal') as latin`,
    );
    expect([...(row.tokens as string[])].sort()).toEqual(
      ['急', '急加', '加', '加速', '速', '速时', '时', '天', '天窗', '窗', '窗异', '异', '异响', '响', '𠮷', '𠮷野', '野', '中'].sort(),
    );
    expect(row.two).toEqual(['天窗']);
    expect(row.one).toEqual(['漏']);
    expect(row.three).toEqual(['火花', '花塞']);
    expect(row.six).toEqual(['发动', '障灯']);
    expect(row.mixed).toEqual(['天窗', '漏']);
    expect(row.latin).toEqual([]);
  });

  it('finds 2-character and 1-character Chinese words exactly', async () => {
    const a = await add({ description: '高速行驶时天窗异响，雨天还漏水。' });
    const b = await add({ description: '天窗关不严。' });
    const c = await add({ description: '座椅异响。' });
    for (const word of ['天窗', '异响', '漏水', '漏', '窗', '严', '异味']) {
      const found = await all({ q: word });
      expect(found, word).toEqual(await expected((f) => haystack(f).includes(word)));
      expect(found.length, word).toBeGreaterThan(0);
    }
    expect(await all({ q: '天窗' })).toEqual(expect.arrayContaining([a.number, b.number]));
    expect(await all({ q: '天窗' })).not.toContain(c.number);
    // Two words: both must occur, anywhere.
    expect(await all({ q: '异响 天窗' })).toEqual([a.number]);
    // A word that no form contains.
    expect(await all({ q: '无此' })).toEqual([]);
  });

  it('rechecks longer words: their pairs apart do not make a match', async () => {
    // Holds every pair of 天窗异响 (天窗, 窗异, 异响), but not the word itself.
    const apart = await add({ description: '天窗，窗异响' });
    const whole = await add({ description: '客户说天窗异响很明显。' });
    expect(await all({ q: '天窗异响' })).toEqual(await expected((f) => haystack(f).includes('天窗异响')));
    expect(await all({ q: '天窗异响' })).toContain(whole.number);
    expect(await all({ q: '天窗异响' })).not.toContain(apart.number);
    expect(await all({ q: '窗异响' })).toEqual(expect.arrayContaining([apart.number]));
    // A rare character outside the Basic Multilingual Plane (a name).
    const rare = await add({ customerName: '𠮷野家', description: '投诉测试。' });
    expect(await all({ q: '𠮷' })).toEqual([rare.number]);
    expect(await all({ name: '𠮷野' })).toEqual([rare.number]);
  });

  it('finds mixed Chinese and English words, case-insensitively', async () => {
    const mixed = await add({ description: '更换天窗Seal后还是漏水，oil seal 也渗油。' });
    expect(await all({ q: '天窗seal' })).toEqual([mixed.number]);
    expect(await all({ q: '天窗SEAL' })).toEqual([mixed.number]);
    expect(await all({ q: 'OIL 渗油' })).toEqual([mixed.number]);
    expect(await all({ q: 'seal' })).toEqual(await expected((f) => haystack(f).toLowerCase().includes('seal')));
    expect(await all({ q: '天窗seal漏' })).toEqual([]);
    // Plate: a Chinese character and Latin letters in one term.
    const plate = await add({ description: '车牌测试。', plate: '粤Z·9X999' });
    expect(await all({ plate: '粤z·9x' })).toEqual([plate.number]);
  });

  it('finds a phone by part of its digits, however it was stored', async () => {
    const spaced = await add({ customerPhone: '186 2468 1357', description: '电话测试一。' });
    const dashed = await add({ customerPhone: '186-2468-1357', description: '电话测试二。' });
    const prefixed = await add({ customerPhone: '+86 18624681357', description: '电话测试三。' });
    const other = await add({ customerPhone: '18624689999', description: '电话测试四。' });
    const three = [spaced.number, dashed.number, prefixed.number].sort();
    expect(await all({ phone: '1357' })).toEqual(await expected((f) => f.customerPhone.replace(/\D/g, '').includes('1357')));
    expect(await all({ phone: '24681357' })).toEqual(three);
    expect(await all({ phone: '2468 1357' })).toEqual(three);
    expect(await all({ phone: '186-2468-1357' })).toEqual(three);
    expect(await all({ phone: '18624681357' })).toEqual(three);
    expect(await all({ phone: '8624689' })).toEqual([other.number]);
    expect(await all({ phone: '+86' })).toEqual(await expected((f) => f.customerPhone.replace(/\D/g, '').includes('86')));
    // No digits at all: contains on the stored value.
    expect(await all({ phone: 'abc' })).toEqual([]);
  });

  it('finds forms however they were written: created, updated, or inserted by plain SQL', async () => {
    expect(await all({ q: '隔音棉' })).toEqual([]);
    const created = await add({ description: '后备箱隔音棉脱落。' });
    expect(await all({ q: '隔音棉' })).toEqual([created.number]);
    // An update of the text (the index follows it: the word leaves, another arrives).
    await db.update(complaints).set({ description: '后备箱饰板松动。' }).where(eq(complaints.id, created.id));
    expect(await all({ q: '隔音棉' })).toEqual([]);
    expect(await all({ q: '饰板' })).toEqual([created.number]);
    // A row written by SQL alone (a bulk generator or an import), no application code involved.
    const [site] = await db.select().from(sites).where(eq(sites.code, 'main'));
    await database.execute(
      `insert into complaints (site_id, number, status, severity, channel, customer_name, customer_phone, description, response_due_at, resolution_due_at, access_code, tracking_token, received_at)
       values ($1, 'KS-2026-990001', 'received', 'general', 'phone', '导入客户', '137 0000 4321', '导入的隔音棉投诉。', now(), now(), '000000', 'import-token-1', $2)`,
      [site.id, new Date(NOW.getTime() - 2 * HOUR).toISOString()],
    );
    expect(await all({ q: '隔音棉' })).toEqual(['KS-2026-990001']);
    expect(await all({ phone: '04321' })).toEqual(['KS-2026-990001']);
  });

  it('can serve each kind of term from its index (the query expressions match the indexes)', async () => {
    const plan = async (f: Partial<SearchFilters>) => {
      const where = and(...filterConditions(filters(f), NOW, TZ))!;
      const query = db.select({ id: complaints.id }).from(complaints).where(where);
      // Small tables are scanned: forbid that to see whether an index can serve the query.
      return db.transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        await tx.execute(sql`set local enable_indexscan = off`);
        const rows = await tx.execute(sql`explain ${query.getSQL()}`);
        return (Array.isArray(rows) ? rows : (rows as unknown as { rows: Record<string, unknown>[] }).rows).map((r) => String(Object.values(r)[0])).join('\n');
      });
    };
    expect(await plan({ q: '天窗' })).toContain('complaints_search_cjk_idx');
    expect(await plan({ q: '漏' })).toContain('complaints_search_cjk_idx');
    expect(await plan({ q: '天窗异响' })).toContain('complaints_search_cjk_idx');
    expect(await plan({ q: 'seal' })).toContain('complaints_search_trgm_idx');
    expect(await plan({ phone: '1357' })).toContain('complaints_phone_digits_idx');
  });
});
