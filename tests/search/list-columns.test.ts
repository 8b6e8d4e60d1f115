import { beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database, Db } from '@/db/client';
import type { StaffUser } from '@/db/queries/staff';
import { createComplaint } from '@/lib/complaints/commands';
import { listQueue, queueSpec } from '@/lib/complaints/queues';
import { searchComplaints, type SearchFilters } from '@/lib/complaints/search';
import { firstLineLength } from '@/lib/complaints/list-columns';
import { forEachBackend } from '@/tests/helpers/databases';
import { openDemo } from '@/tests/helpers/demo';

// Lists that say what the complaint is about (issue 17): the category and the first line of the
// customer's words beside number, customer and deadline; search keeps the queues' repeat mark.
const NOW = new Date('2026-11-02T01:00:00Z');
const HOUR = 3_600_000;
const filters = (f: Partial<SearchFilters> = {}): SearchFilters => ({ overdue: false, ...f }) as SearchFilters;

forEachBackend('list columns', (backend) => {
  let database: Database;
  let db: Db;
  const staff: Record<string, StaffUser> = {};
  const numbers: Record<string, string> = {};

  beforeAll(async () => {
    ({ database, db } = await openDemo(backend, NOW, staff));
    const base = { channel: 'walk_in' as const, customerName: '柯列表', customerPhone: '+8613712340000', categoryCode: 'attitude' };
    const first = await createComplaint({
      ...base, description: '\n  接待员态度冷淡，不理不睬。\n第二行：等了四十分钟。',
    }, { ...staff.desk }, { now: new Date(NOW.getTime() - 3 * HOUR) }, db);
    const long = '长'.repeat(firstLineLength + 30);
    // The same phone again: a repeat complaint.
    const second = await createComplaint({ ...base, description: `${long}\n后面的话` }, { ...staff.desk }, { now: new Date(NOW.getTime() - 2 * HOUR) }, db);
    numbers.first = first.complaint.number;
    numbers.second = second.complaint.number;
  });

  it('a search row names the category and the first line, and keeps the repeat mark', async () => {
    const page = await searchComplaints(staff.desk, filters({ name: '柯列表' }), { now: NOW, timeZone: 'Asia/Shanghai' }, db);
    const byNumber = new Map(page.rows.map((r) => [r.number, r]));
    const first = byNumber.get(numbers.first)!;
    expect(first).toMatchObject({ categoryName: '服务态度', categoryNameEn: 'Service attitude', firstLine: '接待员态度冷淡，不理不睬。', repeat: false });
    const second = byNumber.get(numbers.second)!;
    expect(second.repeat).toBe(true);
    // Only a short text leaves the database: the cut plus one character to say it was cut.
    expect(second.firstLine).toBe('长'.repeat(firstLineLength + 1));
  });

  it('a queue row says the same as the search row of the same form', async () => {
    const page = await listQueue(staff.desk, queueSpec(staff.desk, 'triage')!, { size: 100 }, NOW, db);
    const search = await searchComplaints(staff.desk, filters({ name: '柯列表' }), { now: NOW, timeZone: 'Asia/Shanghai' }, db);
    for (const number of [numbers.first, numbers.second]) {
      const q = page.rows.find((r) => r.number === number)!;
      const s = search.rows.find((r) => r.number === number)!;
      expect(q).toBeDefined();
      expect({ c: q.categoryName, e: q.categoryNameEn, l: q.firstLine, r: q.repeat }).toEqual({ c: s.categoryName, e: s.categoryNameEn, l: s.firstLine, r: s.repeat });
    }
  });

  it('every seeded row carries its category and a first line', async () => {
    const page = await searchComplaints(staff.management, filters(), { now: NOW, timeZone: 'Asia/Shanghai', pageSize: 100 }, db);
    expect(page.rows.length).toBeGreaterThan(5);
    for (const row of page.rows) {
      expect(row.categoryName).toBeTruthy();
      expect(row.firstLine.length).toBeGreaterThan(0);
      expect(row.firstLine).not.toContain('\n');
    }
    // The repeat mark in search is the queues' mark: at least one seeded repeat shows.
    expect(page.rows.some((r) => r.repeat)).toBe(true);
  });
});
