/**
 * The authorization matrix: for every page, route handler and server action, what each kind of
 * caller gets. e2e/authorization-matrix.spec.ts enumerates the endpoints from app/ and from the
 * build's server-reference manifest and fails when one has no entry here, so a new endpoint is
 * one line below.
 *
 * Outcomes:
 * - pages and route handlers (GET): the HTTP status ('200', '403', '404', '401', '405'), or
 *   '→/path' for a redirect (e.g. '→/login');
 * - server actions: 'ok' (ActionState ok), 'signedOut' / 'forbidden' / 'invalid' (the
 *   wrapper's refusals), a command refusal code ('not_found', 'involved_party', 'stale_version',
 *   'unknown_reference', …), 'refused' (another ActionState refusal with a message), 'answered'
 *   (an action that returns no ActionState, e.g. the language switch), '→/path' (the action redirected), 'http:<status>'.
 */
import { randomUUID } from 'node:crypto';
import { defaultCalendar, defaultSlaPolicy } from '@/lib/workflow';

export const callers = ['desk', 'service', 'management', 'gm', 'admin', 'finance', 'parts', 'machao', 'nobody'] as const;
export type Caller = (typeof callers)[number];
/**
 * desk … finance: one demo login per role (service is the service department's head);
 * parts: a department head of ANOTHER department than the form's; machao: a service technician
 * recorded as involved in the form; nobody: no cookie.
 */
export type Expected = Record<Caller, string>;

/** Values found at run time: the form everybody is asked about, and ids the URLs need. */
export interface MatrixFixtures {
  /** A service department form in which machao is an involved party. */
  form: { id: string; number: string };
  token: string;
  staffId: string;
  attachmentId: string;
}

/** Arguments of a server action: JSON, or leading JSON arguments plus one FormData (last). */
export type ActionArgs = { json: unknown[] } | { prefix: unknown[]; fields: [string, string | { name: string; mimeType: string; buffer: Buffer }][] };

export interface Entry {
  expect: Expected;
  /** Values of the route's own segments, e.g. { list: 'triage' } (others come from MatrixFixtures). */
  params?: Record<string, string>;
  /** Server actions only: well-formed input. */
  args?: (fx: MatrixFixtures) => ActionArgs;
  /** Run after every other entry (signing out ends the caller's session). */
  last?: boolean;
}

/** `fallback` for every caller except those named. */
const row = (fallback: string, except: Partial<Expected> = {}): Expected =>
  Object.fromEntries(callers.map((c) => [c, except[c] ?? fallback])) as Expected;
/** A staff page only `allowed` may open: 200 for them, 403 for other staff, /login for nobody. */
const page = (...allowed: Caller[]) => row('403', { ...Object.fromEntries(allowed.map((c) => [c, '200'])), nobody: '→/login' });
/** A staff action only `allowed` (with their outcome) may call. */
const action = (allowed: Partial<Expected>) => row('forbidden', { ...allowed, nobody: 'signedOut' });
const staffRoles = ['desk', 'service', 'management', 'gm', 'admin', 'finance', 'parts', 'machao'] as const satisfies Caller[];
const handlers = { desk: '200', service: '200', management: '200', gm: '200', admin: '200' } satisfies Partial<Expected>;
/** The form's handlers may; finance and another department find no such form; machao is refused as involved. */
const onForm = (outcome: string) => row(outcome, { finance: 'not_found', parts: 'not_found', machao: 'involved_party', nobody: 'signedOut' });

export const png = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201ff8a0d6a5c0000000049454e44ae426082',
  'hex',
);

export const matrix: Record<string, Entry> = {
  // ---- pages ------------------------------------------------------------------------------
  'page /': { expect: { desk: '→/desk', service: '→/department', management: '→/management', gm: '→/gm', admin: '→/admin', finance: '→/reports', parts: '→/department', machao: '→/department', nobody: '→/login' } },
  'page /login': { expect: { desk: '→/desk', service: '→/department', management: '→/management', gm: '→/gm', admin: '→/admin', finance: '→/reports', parts: '→/department', machao: '→/department', nobody: '200' } },
  'page /submit': { expect: row('200') },
  'page /track': { expect: row('200') },
  'page /track/[token]': { expect: row('200') },
  // The bench's calib page: 404 for everybody unless the bench starts the server with KESU_BENCH_CALIB=1.
  'page /bench/calib': { expect: row('404') },
  'page /admin': { expect: page('admin') },
  'page /admin/calendar': { expect: page('admin') },
  'page /admin/progress': { expect: page('admin') },
  'page /absence': { expect: row('200', { nobody: '→/login' }) },
  'page /admin/outbox': { expect: page('admin') },
  'page /admin/sla': { expect: page('admin') },
  'page /admin/staff': { expect: page('admin') },
  'page /admin/api-keys': { expect: page('admin') },
  'page /admin/api-reference': { expect: page('admin') },
  'page /admin/staff/[id]': { expect: page('admin') },
  'page /admin/security': { expect: page('admin') },
  'page /admin/audit': { expect: page('admin', 'management') },
  'page /admin/departments': { expect: page('admin') },
  // No such id: the admin gets past the role check to a 404, everybody else is stopped before.
  'page /admin/departments/[id]': { expect: { ...page('admin'), admin: '404' }, params: { id: '00000000-0000-4000-8000-000000000000' } },
  'page /admin/categories': { expect: page('admin') },
  'page /admin/categories/[id]': { expect: { ...page('admin'), admin: '404' }, params: { id: '00000000-0000-4000-8000-000000000000' } },
  'page /admin/sites': { expect: page('admin') },
  'page /admin/retention': { expect: page('admin') },
  'page /admin/webhooks': { expect: page('admin') },
  'page /privacy': { expect: page('desk', 'admin') },
  'page /holds': { expect: page('management', 'admin') },
  'page /complaints': { expect: page('desk', 'service', 'management', 'gm', 'admin', 'parts', 'machao') },
  'page /complaints/[number]': { expect: row('404', { ...handlers, nobody: '→/login' }) },
  // The receipt shows the access code: the desk's alone (machao, involved, is no desk user either).
  'page /complaints/[number]/receipt': { expect: page('desk') },
  'page /department': { expect: page('service', 'parts', 'machao') },
  'page /desk': { expect: page('desk') },
  'page /desk/[list]': { expect: page('desk'), params: { list: 'triage' } },
  'page /department/[list]': { expect: page('service', 'parts', 'machao'), params: { list: 'investigating' } },
  'page /management/[list]': { expect: page('management'), params: { list: 'management_review' } },
  'page /gm/[list]': { expect: page('gm'), params: { list: 'decisions' } },
  'page /admin/forms/[list]': { expect: page('admin'), params: { list: 'received' } },
  'page /gm': { expect: page('gm') },
  'page /inbox': { expect: page(...staffRoles) },
  // Issue 17: department users reach the ledger entries of their own department.
  'page /ledger': { expect: page('desk', 'management', 'gm', 'service', 'parts', 'machao') },
  'page /management': { expect: page('management') },
  // Issue 18: the dashboard is also the customer-service centre's (the desk sends the summaries).
  'page /reports': { expect: page('desk', 'management', 'gm', 'finance') },
  'page /reports/documents': { expect: page('desk', 'management', 'gm', 'finance') },
  // No stored report of that id: the readers get a 404, everybody else the 403 first.
  'page /reports/documents/[id]': {
    expect: { ...page('desk', 'management', 'gm', 'finance'), desk: '404', management: '404', gm: '404', finance: '404' },
    params: { id: '00000000-0000-4000-8000-000000000000' },
  },

  // Issue 21: hand-over of a leaving person's forms (admin), 8D reports (lessons learned: every
  // staff reader but finance; no report of that id: a 404).
  'page /admin/staff/[id]/handover': { expect: page('admin') },
  'page /eightd': { expect: row('200', { finance: '403', nobody: '→/login' }) },
  'page /eightd/[id]': { expect: row('404', { finance: '403', nobody: '→/login' }), params: { id: '00000000-0000-4000-8000-000000000000' } },
  // Issue 20: the triage model, its settings and the crisis head.
  'page /admin/triage': { expect: page('admin') },

  // ---- route handlers (GET) -----------------------------------------------------------------
  'route /api/auth/[...nextauth]': { expect: row('200') }, // GET /api/auth/session: the caller's own session
  'route /attachments/[id]': { expect: row('404', { ...handlers, nobody: '401' }) },
  'route /export/[list]': { expect: row('200', { finance: '403', nobody: '401' }), params: { list: 'search' } },
  'route /reports/documents/[id]/xlsx': {
    expect: row('403', { desk: '404', management: '404', gm: '404', finance: '404', nobody: '401' }),
    params: { id: '00000000-0000-4000-8000-000000000000' },
  },
  'route /eightd/[id]/xlsx': { expect: row('404', { finance: '403', nobody: '401' }), params: { id: '00000000-0000-4000-8000-000000000000' } },
  'route /track/lookup': { expect: row('405') }, // POST only (number + access code, tested in e2e/customer.spec.ts)
  'route /privacy/export': { expect: row('405') }, // POST only (the person's key stays out of URLs; tested in e2e/privacy.spec.ts)
  // The JSON API signs in by API key only: a staff session cookie is nobody there (keys × roles: tests/api/api.test.ts).
  'route /api/v1/forms': { expect: row('401') },
  'route /api/v1/forms/[number]': { expect: row('401') },
  'route /api/v1/forms/[number]/events': { expect: row('401') },
  'route /api/v1/forms/[number]/notes': { expect: row('405') }, // POST only
  'route /api/v1/forms/[number]/attachments': { expect: row('405') }, // POST only
  'route /api/v1/openapi.json': { expect: row('200') }, // the published description, no key needed

  // ---- server actions -------------------------------------------------------------------------
  'action lib/i18n/actions.ts#setLocaleAction': { expect: row('answered'), args: () => ({ prefix: [], fields: [['locale', 'zh-CN']] }) },
  'action app/login/actions.ts#loginAction': {
    expect: row('refused'),
    args: () => ({ prefix: [{}], fields: [['login', 'matrix-nobody'], ['password', 'not-the-password']] }),
  },
  // The honeypot answers like a success and stores nothing (it counts against the address's limit).
  'action app/(public)/submit/actions.ts#submitComplaintAction': {
    expect: row('ok'),
    args: () => ({
      prefix: [{ status: 'idle' }],
      fields: [['idempotencyKey', randomUUID()], ['customerName', '矩阵'], ['customerPhone', '13800000000'], ['categoryCode', 'attitude'], ['description', '授权矩阵的测试提交。'], ['website', 'https://robot.example']],
    }),
  },
  // An out-of-range rating: a valid one would be 'ok' once and 'already_rated' for the rest, in run order.
  'action app/(public)/track/[token]/actions.ts#surveyAction': {
    expect: row('invalid_input'),
    args: (fx) => ({ prefix: [{ status: 'idle' }], fields: [['token', fx.token], ['rating', '0'], ['comment', '']] }),
  },
  // An empty message: refused by its check for everybody (a valid one would add a note per caller).
  'action app/(public)/track/[token]/answer-action.ts#answerAction': {
    expect: row('invalid_input'),
    args: (fx) => ({ prefix: [{ ok: false }], fields: [['token', fx.token], ['text', '']] }),
  },
  // Webhooks (lib/channels/webhooks): a loopback URL without "allow private", an unknown endpoint or delivery.
  'action app/(staff)/admin/webhooks/actions.ts#createWebhookAction': {
    expect: action({ admin: 'refused' }),
    args: () => ({ json: [{ url: 'http://127.0.0.1:9/matrix', kind: 'standard', events: ['form.created'], allowPrivate: false }] }),
  },
  'action app/(staff)/admin/webhooks/actions.ts#setWebhookActiveAction': { expect: action({ admin: 'refused' }), args: () => ({ json: [{ id: randomUUID(), active: false }] }) },
  'action app/(staff)/admin/webhooks/actions.ts#resendWebhookAction': { expect: action({ admin: 'refused' }), args: () => ({ json: [{ id: randomUUID() }] }) },
  'action app/(staff)/layout.tsx#$$RSC_SERVER_ACTION_0': { expect: row('→/login'), args: () => ({ json: [] }), last: true }, // sign out
  // Unknown lock, unknown user, unknown session: the admin is answered, nobody else gets that far.
  'action app/(staff)/admin/security/actions.ts#liftSignInLockAction': { expect: action({ admin: 'refused' }), args: () => ({ json: [{ key: 'login:matrix-no-such-lock' }] }) },
  'action app/(staff)/admin/staff/[id]/session-actions.ts#endSessionAction': {
    expect: action({ admin: 'refused' }),
    args: () => ({ json: [{ userId: randomUUID(), sessionId: 'a'.repeat(43) }] }),
  },
  'action app/(staff)/admin/staff/[id]/session-actions.ts#endAllSessionsAction': { expect: action({ admin: 'refused' }), args: () => ({ json: [{ userId: randomUUID() }] }) },
  // The desk's own action; an old version is refused before anything changes.
  'action app/(staff)/complaints/[number]/actions/reissue-access-code.ts#reissueAccessCodeAction': {
    expect: action({ desk: 'stale_version' }),
    args: (fx) => ({ json: [{ complaintId: fx.form.id, number: fx.form.number, expectedVersion: 1 }] }),
  },
  // A person's data (lib/privacy): no form holds this number, so erasure is refused for those allowed.
  'action app/(staff)/privacy/actions.ts#findPersonAction': { expect: action({ desk: 'ok', admin: 'ok' }), args: () => ({ json: [{ kind: 'phone', value: '19999999999' }] }) },
  'action app/(staff)/privacy/actions.ts#erasePersonAction': {
    expect: action({ desk: 'refused', admin: 'refused' }),
    args: () => ({ json: [{ kind: 'phone', value: '19999999999', numbers: ['KS-2099-999999'] }] }),
  },
  'action app/(staff)/holds/actions.ts#setLegalHoldAction': { expect: action({ management: 'refused', admin: 'refused' }), args: () => ({ json: [{ number: 'KS-2099-999999', reason: 'matrix' }] }) },
  'action app/(staff)/holds/actions.ts#clearLegalHoldAction': { expect: action({ management: 'refused', admin: 'refused' }), args: () => ({ json: [{ number: 'KS-2099-999999' }] }) },
  // Anyone's own absence; clearing it changes nothing for the demo logins (none of them is away).
  'action app/(staff)/absence/actions.ts#setOwnAbsenceAction': { expect: row('ok', { nobody: 'signedOut' }), args: () => ({ json: [{ absentThrough: '' }] }) },
  'action app/(staff)/admin/progress/actions.ts#saveProgressSettingsAction': { expect: action({ admin: 'ok' }), args: () => ({ json: [{ autoSendAt: '16:00' }] }) },
  'action app/(staff)/admin/retention/actions.ts#saveRetentionAction': { expect: action({ admin: 'ok' }), args: () => ({ json: [{ years: 3 }] }) },
  // A site that does not exist, a key that does not exist: the admin is refused with a message, nothing is made.
  'action app/(staff)/admin/api-keys/actions.ts#createApiKeyAction': {
    expect: action({ admin: 'refused' }),
    args: () => ({ json: [{ name: 'matrix', role: 'desk', siteId: randomUUID(), departmentId: '', groupWide: false, history: 'customer' }] }),
  },
  'action app/(staff)/admin/api-keys/actions.ts#revokeApiKeyAction': { expect: action({ admin: 'refused' }), args: () => ({ json: [{ id: randomUUID() }] }) },
  'action app/(staff)/admin/actions.ts#retryNotificationAction': { expect: action({ admin: 'refused' }), args: () => ({ json: [{ id: randomUUID() }] }) },
  'action app/(staff)/admin/actions.ts#saveSlaPolicyAction': { expect: action({ admin: 'ok' }), args: () => ({ json: [defaultSlaPolicy] }) },
  'action app/(staff)/admin/actions.ts#saveCalendarSettingsAction': {
    expect: action({ admin: 'ok' }),
    args: () => ({ json: [{ timeZone: defaultCalendar.timeZone, workdayStart: defaultCalendar.workdayStart, workdayEnd: defaultCalendar.workdayEnd }] }),
  },
  'action app/(staff)/admin/actions.ts#addCalendarDayAction': { expect: action({ admin: 'ok' }), args: () => ({ json: [{ day: '2099-01-01', kind: 'holiday', name: 'matrix' }] }) },
  'action app/(staff)/admin/actions.ts#removeCalendarDayAction': { expect: action({ admin: 'ok' }), args: () => ({ json: [{ day: '2099-01-01' }] }) },
  // Well-formed, aimed at nothing that exists (or a taken login): the admin gets a refusal that proves the call got through.
  'action app/(staff)/admin/actions.ts#createUserAction': { expect: action({ admin: 'refused' }), args: () => ({ json: [{ login: 'desk', name: '重复', role: 'finance', password: 'matrix-password-1' }] }) },
  'action app/(staff)/admin/actions.ts#updateUserAction': { expect: action({ admin: 'refused' }), args: () => ({ json: [{ id: randomUUID(), role: 'finance' }] }) },
  'action app/(staff)/admin/actions.ts#resetPasswordAction': { expect: action({ admin: 'refused' }), args: () => ({ json: [{ id: randomUUID(), password: 'matrix-password-1' }] }) },
  'action app/(staff)/admin/actions.ts#setUserActiveAction': { expect: action({ admin: 'refused' }), args: () => ({ json: [{ id: randomUUID(), active: true }] }) },
  // Any staff member, on their own notices only (an id of nobody's changes nothing).
  'action app/(staff)/inbox/actions.ts#markInboxReadAction': { expect: row('ok', { nobody: 'signedOut' }), args: () => ({ json: [{ ids: [randomUUID()] }] }) },
  'action app/(staff)/inbox/actions.ts#markAllInboxReadAction': { expect: row('ok', { nobody: 'signedOut' }), args: () => ({ json: [{}] }) },
  // Set-up: a taken code or an unknown id, so the admin's call gets through and changes nothing.
  'action app/(staff)/admin/actions.ts#createDepartmentAction': { expect: action({ admin: 'refused' }), args: () => ({ json: [{ code: 'service', name: '重复', nameEn: 'Twice' }] }) },
  'action app/(staff)/admin/actions.ts#updateDepartmentAction': { expect: action({ admin: 'refused' }), args: () => ({ json: [{ id: randomUUID(), name: '矩阵', nameEn: 'Matrix' }] }) },
  'action app/(staff)/admin/actions.ts#createCategoryAction': {
    expect: action({ admin: 'refused' }),
    args: () => ({ json: [{ code: 'attitude', name: '重复', nameEn: 'Twice', defaultDepartmentCode: null, defaultSeverity: 'general' }] }),
  },
  'action app/(staff)/admin/actions.ts#updateCategoryAction': {
    expect: action({ admin: 'refused' }),
    args: () => ({ json: [{ id: randomUUID(), name: '矩阵', nameEn: 'Matrix', defaultDepartmentCode: null, defaultSeverity: 'general', active: true }] }),
  },
  'action app/(staff)/admin/actions.ts#createSiteAction': { expect: action({ admin: 'refused' }), args: () => ({ json: [{ code: 'main', name: '重复' }] }) },
  'action app/(staff)/admin/actions.ts#updateSiteAction': { expect: action({ admin: 'refused' }), args: () => ({ json: [{ id: randomUUID(), name: '矩阵' }] }) },
  'action app/(staff)/admin/actions.ts#setDepartmentHandlersAction': { expect: action({ admin: 'refused' }), args: () => ({ json: [{ departmentId: randomUUID() }] }) },
  // A stale version: whoever gets as far as the version check may see the form (nothing is applied).
  'action app/(staff)/complaints/[number]/actions/apply-event.ts#applyEventAction': {
    expect: onForm('stale_version'),
    args: (fx) => ({ json: [{ complaintId: fx.form.id, number: fx.form.number, event: 'note', expectedVersion: 999_999, input: { text: '矩阵' } }] }),
  },
  // The demo's workmanship forms are past investigating: the head and the admin get as far as the state check.
  'action app/(staff)/complaints/[number]/actions/save-draft.ts#saveDraftAction': {
    expect: row('forbidden', { service: 'wrong_state', admin: 'wrong_state', parts: 'not_found', machao: 'involved_party', nobody: 'signedOut' }),
    args: (fx) => ({ json: [{ complaintId: fx.form.id, number: fx.form.number, input: { rootCause: '矩阵草稿' } }] }),
  },
  // Time promises (lib/promises): staff who talk to customers; a stale version, so nothing is recorded.
  'action app/(staff)/complaints/[number]/actions/record-promise.ts#recordPromiseAction': {
    expect: row('forbidden', { desk: 'stale_version', service: 'stale_version', management: 'stale_version', gm: 'stale_version', parts: 'not_found', machao: 'involved_party', nobody: 'signedOut' }),
    args: (fx) => ({ json: [{ complaintId: fx.form.id, expectedVersion: 999_999, what: '矩阵', dueOn: '2099-01-01', customerVisible: false }] }),
  },
  'action app/(staff)/complaints/[number]/actions/resolve-promise.ts#resolvePromiseAction': {
    expect: row('forbidden', { desk: 'stale_version', service: 'stale_version', management: 'stale_version', gm: 'stale_version', parts: 'not_found', machao: 'involved_party', nobody: 'signedOut' }),
    args: (fx) => ({ json: [{ complaintId: fx.form.id, promiseId: randomUUID(), expectedVersion: 999_999, outcome: 'kept', reason: '矩阵' }] }),
  },
  'action app/(staff)/complaints/[number]/actions/upload-evidence.ts#uploadEvidenceAction': {
    expect: onForm('ok'),
    args: (fx) => ({ prefix: [], fields: [['complaintId', fx.form.id], ['number', fx.form.number], ['files', { name: '矩阵.png', mimeType: 'image/png', buffer: png }]] }),
  },
  'action app/(staff)/desk/actions/create-complaint.ts#createComplaintAction': {
    expect: action({ desk: 'unknown_reference', admin: 'unknown_reference' }), // an unknown category: nothing is created
    args: () => ({ json: [{ idempotencyKey: randomUUID(), input: { channel: 'phone', severity: 'general', customerLocale: 'zh-CN', customerName: '矩阵', customerPhone: '13800000000', categoryCode: 'matrix-none', description: '授权矩阵。' } }] }),
  },
  'action app/(staff)/desk/actions/earlier-forms.ts#earlierFormsAction': { expect: action({ desk: 'ok', admin: 'ok' }), args: () => ({ json: [{ phone: '13800138001' }] }) },
  'action app/(staff)/desk/actions/suggest-triage.ts#suggestTriageAction': { expect: action({ desk: 'ok', admin: 'ok' }), args: () => ({ json: [{ text: '保养后天窗漏水，接待态度冷淡。' }] }) },
  // Issue 21: 8D reports — the quality department and management edit; no such form or report, so nothing is written.
  'action app/(staff)/eightd/actions.ts#startEightDAction': {
    expect: action({ service: 'not_found', parts: 'not_found', machao: 'not_found', management: 'not_found' }),
    args: () => ({ json: [{ complaintId: randomUUID(), expectedVersion: 1 }] }),
  },
  'action app/(staff)/eightd/actions.ts#saveDisciplineAction': {
    expect: action({ service: 'not_found', parts: 'not_found', machao: 'not_found', management: 'not_found' }),
    args: () => ({ json: [{ reportId: randomUUID(), discipline: 'd3', containment: '矩阵' }] }),
  },
  // Hand-over: a stale version on the form (a person involved in it finds no such form); a leaving person and a centre head that do not exist.
  'action app/(staff)/complaints/[number]/actions/hand-over.ts#handOverFormAction': {
    expect: action({ desk: 'stale_version', service: 'stale_version', admin: 'stale_version', parts: 'not_found', machao: 'not_found' }),
    args: (fx) => ({ json: [{ complaintId: fx.form.id, expectedVersion: 999_999, position: 'handler', toUserId: randomUUID(), reason: '矩阵' }] }),
  },
  'action app/(staff)/admin/staff/[id]/handover/actions.ts#handOverPersonAction': { expect: action({ admin: 'nothing_to_hand_over' }), args: () => ({ json: [{ fromUserId: randomUUID(), toUserId: randomUUID(), reason: '矩阵' }] }) },
  'action app/(staff)/admin/staff/[id]/handover/actions.ts#setCentreHeadAction': { expect: action({ admin: 'refused' }), args: () => ({ json: [{ id: randomUUID(), centreHead: false }] }) },
  // Next year's calendar: the package does not cover 2099, so nothing is imported; nothing to confirm.
  'action app/(staff)/admin/calendar/year-actions.ts#importCalendarYearAction': { expect: action({ admin: 'not_covered' }), args: () => ({ json: [{ year: 2099 }] }) },
  'action app/(staff)/admin/calendar/year-actions.ts#confirmCalendarYearAction': { expect: action({ admin: 'not_imported' }), args: () => ({ json: [{ year: 2099 }] }) },
  // Issue 20: the crisis flag on a form (stale version: nothing recorded); the triage settings (out of range) and retraining (malformed); only the desk and admins flag.
  'action app/(staff)/complaints/[number]/actions/set-crisis.ts#setCrisisAction': {
    expect: action({ desk: 'stale_version', admin: 'stale_version' }),
    args: (fx) => ({ json: [{ complaintId: fx.form.id, crisis: true, reason: '矩阵', expectedVersion: 999_999 }] }),
  },
  'action app/(staff)/admin/triage/actions.ts#saveTriageSettingsAction': { expect: action({ admin: 'invalid_input' }), args: () => ({ json: [{ confidencePercent: 101, frequentCount: 3, frequentDays: 7 }] }) },
  'action app/(staff)/admin/triage/actions.ts#retrainTriageAction': { expect: action({ admin: 'invalid_input' }), args: () => ({ json: [null] }) },
};
