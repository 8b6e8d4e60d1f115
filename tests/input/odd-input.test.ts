/**
 * NUL bytes, lone UTF-16 surrogates and control characters through every entry point that
 * stores text: each is a field error naming the field (a language-neutral code the UI words),
 * never an exception from the database and never a silently changed value.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { complaints, users, calendarDays } from '@/db/schema';
import { CommandError } from '@/lib/complaints/errors';
import { fieldErrorsOf } from '@/lib/complaints/validation';
import { encodeIssue } from '@/lib/validation/issues';
import { applyEvent, createComplaint } from '@/lib/complaints/commands';
import { recordSurvey, SurveyError } from '@/lib/complaints/survey';
import { submitPublicComplaint } from '@/lib/public/submit';
import { addCalendarDay, saveCalendarSettings } from '@/lib/admin/calendar';
import { createUser } from '@/lib/admin/staff';
import { calendarDaySchema, calendarSettingsSchema, createUserSchema, resetPasswordSchema } from '@/lib/admin/schemas';
import { credentialsSchema } from '@/lib/auth/credentials';
import { events, eventSchemas, findTransition, isStatelessEvent, transitions, type EventName } from '@/lib/workflow';
import { sampleInputs } from '@/lib/workflow/test-fixtures';
import { badCharCode, parseBadCharCode } from '@/lib/validation/text';
import { forEachBackend } from '@/tests/helpers/databases';
import { baseComplaint, fixtureOf, T0, type Fixture } from '@/tests/commands/fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kesu-odd-'));
process.env.KESU_ATTACHMENTS_DIR = dir;
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The three kinds, each put in the middle of a value. */
const poisons = [
  { kind: 'nul', char: 'U+0000', insert: '\u0000' },
  { kind: 'surrogate', char: 'U+D800', insert: '\ud800' },
  { kind: 'control', char: 'U+0007', insert: '\u0007' },
] as const;
const poisoned = (value: string, insert: string) => `${value.slice(0, 2)}${insert}${value.slice(2)}`;

/** Every string leaf of a value, as [path, value]. */
function stringLeaves(value: unknown, at: (string | number)[] = []): [(string | number)[], string][] {
  if (typeof value === 'string') return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...at, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...at, k]));
  return [];
}
function withLeaf(value: unknown, at: (string | number)[], leaf: string): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const k of at.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  node[at[at.length - 1]] = leaf;
  return copy;
}
/** The field's error is the bad-character code; a choice field (enum) answers "invalid option" instead, also a field error. */
function expectBadChar(errors: string[] | undefined, p: { kind: string; char: string }, where: string) {
  // An enum refuses any text that is not one of its options ("choose one"), poisoned or not.
  if (errors?.length === 1 && errors[0] === encodeIssue({ kind: 'choose' })) return;
  expect(errors, where).toEqual([badCharCode(p as Parameters<typeof badCharCode>[0])]);
}
// Free-text fields of the samples (ids are strings too and are checked as well).
const textEvents = events.filter((e) => stringLeaves(sampleInputs[e]).length > 0);

describe('event schemas: every string field of every event refuses bad characters', () => {
  it('covers every event that has text', () => {
    expect(textEvents.length).toBeGreaterThanOrEqual(20);
  });
  for (const event of textEvents) {
    it(event, () => {
      for (const [at, value] of stringLeaves(sampleInputs[event])) {
        if (/^\d{4}-\d{2}-\d{2}$/.test(value)) continue; // dates: their own format rule refuses anything else
        for (const p of poisons) {
          const r = (eventSchemas[event] as z.ZodType).safeParse(withLeaf(sampleInputs[event], at, poisoned(value, p.insert)));
          expect(r.success, `${event}.${at.join('.')} with ${p.kind}`).toBe(false);
          expectBadChar(fieldErrorsOf(r.error!)[at.join('.')], p, `${event}.${at.join('.')}`);
        }
      }
    });
  }
  it('multi-line fields keep line breaks and tabs; one-line fields refuse them', () => {
    expect(eventSchemas.note.parse({ text: 'line 1\r\n\tline 2' }).text).toBe('line 1\r\n\tline 2');
    const r = eventSchemas.record_negotiation.safeParse({ participants: ['Zhang\nWang', 'Li'], opinion: 'ok', signed: true });
    expect(fieldErrorsOf(r.error!)['participants.0']).toEqual([badCharCode({ kind: 'control', char: 'U+000A' })]);
  });
});

describe('admin and sign-in schemas refuse bad characters', () => {
  it('staff name, login, password, calendar day name, time zone, credentials', () => {
    const user = { login: 'new.user', name: 'New User', role: 'desk', departmentId: '', password: 'long enough password' };
    const cases: [z.ZodType, unknown, string][] = [
      [createUserSchema, { ...user, name: 'Ne\u0000w' }, 'name'],
      [createUserSchema, { ...user, login: 'ne\u0007w' }, 'login'],
      [createUserSchema, { ...user, password: 'long enough\ud800 password' }, 'password'],
      [resetPasswordSchema, { id: crypto.randomUUID(), password: 'long enough \u0000password' }, 'password'],
      [calendarDaySchema, { day: '2031-03-03', kind: 'holiday', name: '国庆\u0000' }, 'name'],
      [calendarSettingsSchema, { timeZone: 'Asia/\u0000Shanghai', workdayStart: '09:00', workdayEnd: '18:00' }, 'timeZone'],
      [credentialsSchema, { login: 'desk\u0000', password: 'x' }, 'login'],
      [credentialsSchema, { login: 'desk', password: 'pw\udc00' }, 'password'],
    ];
    for (const [schema, input, field] of cases) {
      const r = schema.safeParse(input);
      expect(r.success, field).toBe(false);
      expect(fieldErrorsOf(r.error!)[field]?.map(parseBadCharCode).every(Boolean), JSON.stringify(fieldErrorsOf(r.error!))).toBe(true);
    }
  });
});

forEachBackend('odd input through the command layer', (backend) => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await fixtureOf(await backend.open());
  });

  it('createComplaint: every text field, every kind → invalid_input with the field code, nothing stored', async () => {
    const before = (await fx.db.select({ n: sql<number>`count(*)::int` }).from(complaints))[0].n;
    const fields = ['customerName', 'customerPhone', 'customerEmail', 'subjectProduct', 'plate', 'vehicleModel', 'categoryCode', 'description', 'customerRequest'] as const;
    const base = { ...baseComplaint, subjectProduct: 'Camry service' };
    for (const field of fields) {
      for (const p of poisons) {
        const input = { ...base, [field]: poisoned(String(base[field as keyof typeof base] ?? 'value'), p.insert) };
        const err = await createComplaint(input, fx.actors.desk, { now: T0 }, fx.db).then(() => null, (e: unknown) => e);
        expect(err, `${field} ${p.kind}`).toBeInstanceOf(CommandError);
        expect((err as CommandError).code).toBe('invalid_input');
        expect((err as CommandError).fieldErrors?.[field], `${field} ${p.kind}`).toEqual([badCharCode(p)]);
      }
    }
    expect((await fx.db.select({ n: sql<number>`count(*)::int` }).from(complaints))[0].n).toBe(before);
    // Line breaks in the description are kept as typed.
    const ok = await fx.create(T0, { description: '第一行\n第二行\t结束' });
    expect((await ok.row()).description).toBe('第一行\n第二行\t结束');
  });

  it('applyEvent: every event with text, every string field, every kind → invalid_input, the form unchanged', async () => {
    const form = await fx.create(T0);
    let calls = 0;
    for (const event of textEvents) {
      // Put the form where the event may fire (major and instructed, so instruct and the major rule pass).
      const from = isStatelessEvent(event) ? 'received' : transitions.find((t) => t.event === event)!.from;
      expect(isStatelessEvent(event) || findTransition(from, event)).toBeTruthy();
      await fx.db
        .update(complaints)
        .set({ status: from, major: true, gmInstructedAt: T0, departmentId: fx.dept.service })
        .where(eq(complaints.id, form.id));
      const row = await form.row();
      for (const [at, value] of stringLeaves(sampleInputs[event as EventName])) {
        if (/^\d{4}-\d{2}-\d{2}$/.test(value)) continue;
        for (const p of poisons) {
          calls++;
          const input = withLeaf(sampleInputs[event as EventName], at, poisoned(value, p.insert));
          const err = await applyEvent({ complaintId: form.id, event, input, actor: fx.actors.admin, expectedVersion: row.version }, { now: T0 }, fx.db).then(
            () => null,
            (e: unknown) => e,
          );
          expect(err, `${event}.${at.join('.')} ${p.kind}`).toBeInstanceOf(CommandError);
          expect((err as CommandError).code, `${event}.${at.join('.')} ${p.kind}: ${String(err)}`).toBe('invalid_input');
          expectBadChar((err as CommandError).fieldErrors?.[at.join('.')], p, `${event}.${at.join('.')}`);
        }
      }
      expect((await form.row()).version).toBe(row.version);
    }
    expect(calls).toBeGreaterThan(100);
  });

  it('the public submit path answers a field error for each text field', async () => {
    let calls = 0;
    for (const field of ['customerName', 'customerPhone', 'customerEmail', 'subjectProduct', 'plate', 'description', 'customerRequest']) {
      for (const p of poisons) {
        const r = await submitPublicComplaint({
          fields: {
            idempotencyKey: crypto.randomUUID(),
            customerName: '林小姐',
            customerPhone: '138 0000 0000',
            customerEmail: 'lin@example.com',
            plate: '粤A12345',
            subjectProduct: '保养',
            categoryCode: 'attitude',
            description: '前台接待态度冷淡。',
            customerRequest: '希望道歉。',
            [field]: poisoned(field === 'customerEmail' ? 'lin@example.com' : field === 'customerPhone' ? '138 0000 0000' : '前台接待态度冷淡。', p.insert),
          },
          photos: [],
          honeypot: '',
          // Invalid submissions count against their address too: one address per call.
          ip: `198.51.100.${++calls}`,
          locale: 'en',
        }, undefined, fx.db);
        expect(r, `${field} ${p.kind}`).toEqual({ kind: 'invalid', fieldErrors: { [field]: [badCharCode(p)] } });
      }
    }
  });

  it('the survey comment and token refuse bad characters without reaching the database', async () => {
    for (const [input, code] of [
      [{ token: 'abc\u0000', rating: 4 }, 'invalid_input'],
      [{ token: 'abc', rating: 4, comment: '很好\ud800' }, 'bad_char'],
      [{ token: 'abc', rating: 4, comment: '很好\u0000' }, 'bad_char'],
    ] as const) {
      const err = await recordSurvey(input, undefined, fx.db).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(SurveyError);
      expect((err as SurveyError).code).toBe(code);
    }
  });

  it('admin functions refuse bad characters before the database (a validation error, not a query error)', async () => {
    const scope = { id: fx.actors.admin.id, role: 'admin' as const, siteId: fx.siteId };
    const err = await createUser({ login: 'nul.user', name: 'Nul\u0000User', role: 'desk', departmentId: '', password: 'long enough password' }, scope, fx.db).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(z.ZodError);
    expect(await fx.db.select().from(users).where(eq(users.login, 'nul.user'))).toHaveLength(0);
    const day = await addCalendarDay({ day: '2031-03-03', kind: 'holiday', name: '国庆\ud800' }, undefined, fx.db).then(() => null, (e: unknown) => e);
    expect(day).toBeInstanceOf(z.ZodError);
    expect(await fx.db.select().from(calendarDays).where(eq(calendarDays.day, '2031-03-03'))).toHaveLength(0);
    const tz = await saveCalendarSettings({ timeZone: 'Asia/Shang\u0000hai', workdayStart: '09:00', workdayEnd: '18:00' }, undefined, fx.db).then(() => null, (e: unknown) => e);
    expect(tz).toBeInstanceOf(z.ZodError);
  });
});
