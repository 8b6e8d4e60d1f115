import { describe, expect, it } from 'vitest';
import { loadMessages } from './messages';
import { locales } from './locales';
import { channels, departmentPositions, pendingReasons, remedyKinds, roles, severities, states } from '@/lib/workflow/states';
import { events } from '@/lib/workflow/transitions';
import { TEMPLATE_NAMES } from '@/lib/notify/templates';
import { calendarDayKinds, notificationChannels, notificationStatuses } from '@/lib/admin/schemas';
import type { NotifyAudience } from '@/lib/workflow/types';
import { auditActions, auditGroups } from '@/lib/admin/audit';
import { disciplines } from '@/lib/eightd/schemas';

// Every code a person can meet on a page, and where its label lives. A code without a label
// shows up raw (parts_delayed, assigned(zh-CN)): this test names the missing one.
const audiences: (NotifyAudience | 'staff' | 'summary' | 'admin')[] = ['customer', 'customer_manager', 'department', 'management', 'gm', 'desk', 'staff', 'summary', 'admin'];
// History rows that are not workflow events (written by intake, the survey and the desk).
const extraEvents = ['survey', 'access_code_reissued'];

const expected: [string, readonly string[]][] = [
  ['workflow.states', states],
  ['workflow.events', events],
  ['workflow.remedyKinds', remedyKinds],
  ['workflow.severities', severities],
  ['workflow.channels', channels],
  ['workflow.pendingReasons', pendingReasons],
  ['workflow.accountabilityTypes', ['penalty', 'reward']],
  ['common.roles', roles],
  ['form.extraEvents', extraEvents],
  ['admin.staff.positions', departmentPositions],
  ['admin.calendar.kinds', calendarDayKinds],
  ['admin.outbox.templates', TEMPLATE_NAMES],
  ['admin.outbox.languages', locales],
  ['admin.outbox.statuses', notificationStatuses],
  ['admin.outbox.channels', notificationChannels],
  ['admin.outbox.audiences', audiences],
  ['admin.security.outcomes', ['wrong', 'locked_login', 'locked_address', 'locked_pair', 'success']],
  ['admin.security.scopes', ['login', 'address', 'pair']],
  ['ledger.outcomes', ['resumed', 'withdrawn']],
  ['eightd.disciplines', disciplines],
  ['eightd.history', ['eightd_started', 'eightd_attached']],
  ['audit.groups', auditGroups],
  // 'staff.create' is labelled at audit.actions.staff.create.
  ...auditGroups.map((g): [string, string[]] => [`audit.actions.${g}`, auditActions.filter((a) => a.startsWith(`${g}.`)).map((a) => a.slice(g.length + 1))]),
];

function at(messages: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), messages);
}

describe.each(locales)('labels for every code in %s', (locale) => {
  const messages = loadMessages(locale);

  it.each(expected)('%s', (path, codes) => {
    const group = at(messages, path) as Record<string, unknown> | undefined;
    expect(group, path).toBeTypeOf('object');
    const missing = codes.filter((code) => typeof group?.[code] !== 'string' || !(group[code] as string).trim());
    expect(missing, `${locale} ${path}`).toEqual([]);
  });

  it('a label is a word, not the code itself', () => {
    for (const [path, codes] of expected) {
      const group = at(messages, path) as Record<string, string>;
      for (const code of codes) if (code.includes('_')) expect(group[code], `${path}.${code}`).not.toBe(code);
    }
  });
});

it('Chinese labels carry no Latin letters', () => {
  const messages = loadMessages('zh-CN');
  for (const [path, codes] of expected) {
    const group = at(messages, path) as Record<string, string>;
    for (const code of codes) expect(group[code], `${path}.${code}`).not.toMatch(/[A-Za-z]/);
  }
});
