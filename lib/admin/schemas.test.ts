/**
 * Issue 14 finding 10: every parameter of every admin server action is validated before it can
 * reach a query. For each schema, one valid input, then each of its fields replaced by a value
 * PostgreSQL would answer with an error (NUL, a lone surrogate, an impossible or out-of-range
 * day): each must be refused by the schema.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as admin from './schemas';
import * as sessions from './sessions';
import { defaultSlaPolicy } from '@/lib/workflow/sla';

const uuid = '0b0c5c2e-2f7a-4c1e-9d1a-2b8e0c1f3a4d';
const valid: Record<string, Record<string, unknown>> = {
  retryNotificationSchema: { id: uuid },
  calendarSettingsSchema: { timeZone: 'Asia/Shanghai', workdayStart: '09:00', workdayEnd: '18:00' },
  calendarDaySchema: { day: '2026-10-01', kind: 'holiday', name: '国庆节' },
  removeCalendarDaySchema: { day: '2026-10-01' },
  createUserSchema: { login: 'new-user', name: '新员工', role: 'desk', departmentId: null, password: 'a-long-password-1' },
  updateUserSchema: { id: uuid, role: 'desk', departmentId: null, absentUntil: '2026-12-24' },
  resetPasswordSchema: { id: uuid, password: 'a-long-password-1' },
  setActiveSchema: { id: uuid, active: true },
  departmentHandlersSchema: { departmentId: uuid, headUserId: uuid, primaryUserId: null, secondaryUserId: '' },
  createSiteSchema: { code: 'north', name: '北区门店' },
  updateSiteSchema: { id: uuid, name: '北区门店' },
  createDepartmentSchema: { code: 'bodyshop', name: '钣喷车间', nameEn: 'Body shop', siteId: null },
  updateDepartmentSchema: { id: uuid, name: '钣喷车间', nameEn: 'Body shop', headUserId: null, primaryUserId: null, secondaryUserId: null },
  createCategorySchema: { code: 'noise', name: '噪音', nameEn: 'Noise', defaultDepartmentCode: 'service', defaultSeverity: 'general' },
  updateCategorySchema: { id: uuid, name: '噪音', nameEn: 'Noise', defaultDepartmentCode: 'service', defaultSeverity: 'general', active: true },
  liftLockSchema: { key: 'login:admin' },
  endSessionSchema: { userId: uuid, sessionId: 'A'.repeat(43) },
  endAllSessionsSchema: { userId: uuid },
};

const hostile = ['\u0000', 'x\u0000y', 'lone \ud800', 'bell\u0007', '\u202Eoops'];
const hostileDays = ['0000-01-01', '0000-12-31', '1899-12-31', '2026-02-30', '2026-13-01', '9999-12-31', '2026-10-01\u0000', '+2026-10-01'];

const schemas = Object.entries({ ...admin, ...sessions }).filter(
  ([name, v]) => v instanceof z.ZodType && name.endsWith('Schema') && !['passwordSchema', 'portalDaySchema', 'slaPolicySchema'].includes(name),
) as [string, z.ZodType][];

describe('admin action schemas refuse every hostile parameter', () => {
  it('every schema has a valid sample here (a new action schema must be added)', () => {
    expect(schemas.map(([n]) => n).sort()).toEqual(Object.keys(valid).sort());
  });

  it.each(schemas)('%s: the valid sample passes, each field with NUL, a lone surrogate, a control or bidi character fails', (name, schema) => {
    const sample = valid[name];
    expect(schema.safeParse(sample).success, `${name} sample`).toBe(true);
    for (const field of Object.keys(sample)) {
      for (const bad of hostile) {
        const r = schema.safeParse({ ...sample, [field]: bad });
        expect(r.success, `${name}.${field} = ${JSON.stringify(bad)}`).toBe(false);
      }
    }
  });

  it('days: a real date in the portal years only (year 0000 was a database "out of range" error)', () => {
    for (const [name, field] of [['calendarDaySchema', 'day'], ['removeCalendarDaySchema', 'day'], ['updateUserSchema', 'absentUntil']] as const) {
      const schema = schemas.find(([n]) => n === name)![1];
      for (const day of hostileDays) {
        const r = schema.safeParse({ ...valid[name], [field]: day });
        expect(r.success, `${name}.${field} = ${JSON.stringify(day)}`).toBe(false);
        // Worded for the person: the field and the rule, not a zod text.
        expect(r.error!.issues[0]).toMatchObject({ path: [field], params: { kesu: 'rule', key: 'dayInRange' } });
      }
      expect(schema.safeParse({ ...valid[name], [field]: '2100-12-31' }).success).toBe(true);
    }
    expect(admin.updateUserSchema.parse({ ...valid.updateUserSchema, absentUntil: '' }).absentUntil).toBeNull();
  });

  it('the SLA policy takes whole numbers in range only', () => {
    const ok = admin.slaPolicySchema.safeParse(defaultSlaPolicy);
    expect(ok.success).toBe(true);
    for (const bad of [-1, 0, 1.5, 10_001, Number.NaN, '\u0000', null]) {
      expect(admin.slaPolicySchema.safeParse({ ...defaultSlaPolicy, 'step.received': { amount: bad, unit: 'hours' } }).success, String(bad)).toBe(false);
    }
    expect(admin.slaPolicySchema.safeParse({ ...defaultSlaPolicy, pendingContactDay: 0 }).success).toBe(false);
  });
});
