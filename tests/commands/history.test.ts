/**
 * The history (complaint_events) is append-only evidence, and it is the whole truth: replaying
 * every demo form's history through the state machine gives its current status.
 */
import { asc, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { complaintEvents, complaints } from '@/db/schema';
import { seedBase, seedDemo } from '@/db/seed';
import { replay, states, type EventName, type State } from '@/lib/workflow';
import { forEachBackend } from '@/tests/helpers/databases';

const NOW = new Date('2026-11-20T02:00:00Z');

forEachBackend('complaint history', (backend) => {
  let database: Database;
  let forms: (typeof complaints.$inferSelect)[];
  let events: (typeof complaintEvents.$inferSelect)[];

  beforeAll(async () => {
    database = await backend.open();
    await seedBase(database.db);
    const { forms: made } = await seedDemo(database.db, NOW);
    expect(made).toBe(40);
    forms = await database.db.select().from(complaints).orderBy(asc(complaints.number));
    events = await database.db.select().from(complaintEvents).orderBy(asc(complaintEvents.complaintId), asc(complaintEvents.version));
  });

  const refused = async (sql: string) => {
    const err = await database.execute(sql).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err, `${sql} should fail`).toBeInstanceOf(Error);
    expect(String(err?.message)).toMatch(/append-only/);
  };

  it('refuses UPDATE, DELETE and TRUNCATE on complaint_events', async () => {
    const before = await database.execute('select id, type, payload, actor_name from complaint_events order by id');
    expect(before.length).toBe(events.length);
    const id = Number(before[0].id);
    await refused(`UPDATE complaint_events SET actor_name = 'someone else' WHERE id = ${id}`);
    await refused(`UPDATE complaint_events SET payload = '{}'::jsonb`);
    await refused(`DELETE FROM complaint_events WHERE id = ${id}`);
    await refused('DELETE FROM complaint_events');
    // CASCADE gets past the foreign keys (remedies, accountability_entries → complaint_events) to the trigger.
    await refused('TRUNCATE complaint_events CASCADE');
    // Not even inside a transaction that would otherwise commit.
    const inTx = await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`UPDATE complaint_events SET type = 'note' WHERE id = ${id}`);
      })
      .then(
        () => undefined,
        (e: unknown) => e as Error,
      );
    expect(inTx).toBeInstanceOf(Error);
    expect(`${inTx?.message} ${String((inTx as { cause?: Error } | undefined)?.cause?.message)}`).toMatch(/append-only/);
    const after = await database.execute('select id, type, payload, actor_name from complaint_events order by id');
    expect(after).toEqual(before);
  });

  it('the demo forms cover every state', () => {
    expect(forms).toHaveLength(40);
    expect(new Set(forms.map((f) => f.status))).toEqual(new Set(states));
  });

  it('replays every form’s history to its current status, versions 1..n without gaps', () => {
    const byForm = new Map<string, typeof events>();
    for (const e of events) byForm.set(e.complaintId, [...(byForm.get(e.complaintId) ?? []), e]);
    expect(byForm.size).toBe(forms.length);
    for (const form of forms) {
      const rows = byForm.get(form.id)!;
      const label = `${form.number} (${form.status})`;
      expect(rows.map((r) => r.version), label).toEqual(rows.map((_, i) => i + 1));
      expect(form.version, label).toBe(rows.length);
      expect(rows[0], label).toMatchObject({ type: 'create', fromState: null, toState: 'received' });
      // Each row starts where the previous one ended, in time order.
      for (let i = 1; i < rows.length; i++) {
        expect(rows[i].fromState, `${label} v${rows[i].version}`).toBe(rows[i - 1].toState);
        expect(rows[i].at.getTime(), `${label} v${rows[i].version}`).toBeGreaterThanOrEqual(rows[i - 1].at.getTime());
      }
      const replayed = replay(rows.slice(1).map((r) => ({ event: r.type as EventName, to: r.toState as State })));
      expect(replayed, label).toBe(form.status);
      expect(rows.at(-1)!.toState, label).toBe(form.status);
      expect(form.updatedAt.getTime(), label).toBe(rows.at(-1)!.at.getTime());
    }
  });
});
