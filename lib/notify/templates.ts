/**
 * Notification texts (e-mail, SMS, staff inbox) in zh-CN and English.
 *
 * This is the one place where user-facing text lives outside the next-intl messages: the
 * outbox is rendered by the job runner, long after the request that queued it. Keep it a plain
 * table. Each entry has a subject and the lines of the body; `{name}` is replaced by the
 * payload field of that name. A line that names a field the payload lacks is left out (so
 * "Access code: {accessCode}" only appears when there is an access code). A line written as an
 * array lists alternatives, richest first: the first one whose fields are all present is used.
 * `{?name}` requires the field like `{name}` but prints nothing (an alternative for one kind of
 * item). `{ each: 'list', lines }` repeats its lines for every object of the payload's array
 * `list`, whose fields are read before the outer ones (lists nest).
 */

import { createFormat } from '@/lib/i18n/format';

export type NotifyLocale = 'zh-CN' | 'en';

export const TEMPLATE_NAMES = [
  'received',
  'state_changed',
  'rejected',
  'not_founded',
  'progress',
  'triaged',
  'resumed',
  'survey',
  'assigned',
  'deadline_warning',
  'overdue',
  'admin_repair',
  'low_satisfaction',
  'resolved',
  'withdrawn',
  'pending',
  'reopened',
  'gm_instruction',
  'major_needs_instruction',
  'ledger_round',
  'summary_weekly',
  'summary_monthly',
  'summary_accountability',
  'access_code_reissued',
  'tracking_attempts',
  'sign_in_locked',
] as const;

export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** What the command layer puts in `notifications.payload`. Unknown extra fields are ignored. */
export interface NotificationPayload {
  /** Form number, e.g. KS-2026-000123. */
  number?: string;
  /** Translated label of the form's (new) state. */
  statusLabel?: string;
  /** Public tracking link for the customer. */
  trackUrl?: string;
  /** Customer's access code for the tracking page. */
  accessCode?: string;
  /** Customer-visible text (a progress update, the rejection explanation, a reason …). */
  message?: string;
  /** Step deadline, ISO 8601; rendered in the business time zone. */
  deadline?: string;
  /** The form's resolution deadline, ISO 8601 (the triage message). */
  resolutionDue?: string;
  /** A day, YYYY-MM-DD (the next contact with a pending item's customer). */
  contactDay?: string;
  /** The department handling the form, in the reader's language (the triage message). */
  department?: string;
  /** The customer-facing summary written when handling completes (DESIGN §2): when, how, why, what prevents it. */
  customerWhen?: string;
  customerHow?: string;
  customerCause?: string;
  customerPrevention?: string;
  /** Staff link to the form (optional). */
  url?: string;
  /** Satisfaction score given by the customer (optional, low_satisfaction). */
  satisfaction?: number;
  [key: string]: unknown;
}

/** A line, alternatives for one line (richest first), or lines repeated for each item of a list. */
type Line = string | string[] | { each: string; lines: Line[] };

interface TemplateText {
  subject: Line;
  lines: Line[];
}

type TemplateTable = Record<TemplateName, Record<NotifyLocale, TemplateText>>;

export const TEMPLATES: TemplateTable = {
  received: {
    'zh-CN': {
      subject: '您的反馈已受理（{number}）',
      lines: [
        '您好！我们已收到您的反馈，处理单号：{number}。',
        '查询码：{accessCode}',
        '查询处理进度：{trackUrl}',
        ['我们将在 {deadline} 前与您联系，感谢您的耐心。', '我们将尽快与您联系，感谢您的耐心。'],
      ],
    },
    en: {
      subject: 'We have received your complaint ({number})',
      lines: [
        'Thank you. We have received your complaint; its form number is {number}.',
        'Access code: {accessCode}',
        'Track its progress: {trackUrl}',
        ['We will contact you by {deadline}.', 'We will contact you as soon as possible.'],
      ],
    },
  },
  access_code_reissued: {
    'zh-CN': {
      subject: '处理单 {number} 的新查询码',
      lines: ['您好！应您的要求，我们为处理单 {number} 设置了新的查询码，原查询码已失效。', '新查询码：{accessCode}', '查询处理进度：{trackUrl}'],
    },
    en: {
      subject: 'A new access code for form {number}',
      lines: ['As you asked, form {number} has a new access code; the old one no longer works.', 'New access code: {accessCode}', 'Track its progress: {trackUrl}'],
    },
  },
  tracking_attempts: {
    'zh-CN': {
      subject: '处理单 {number}：今日查询码错误次数过多',
      lines: [
        '今天已有 {attempts} 次用错误的查询码查询处理单 {number}。客户本人仍可通过专属链接查看，正确的查询码也仍然有效。',
        '如客户反映无法查询，或怀疑有人冒用，可在处理单页面为客户重新生成查询码。',
        '打开处理单：{url}',
      ],
    },
    en: {
      subject: 'Form {number}: many wrong access codes today',
      lines: [
        'Form {number} was looked up with a wrong access code {attempts} times today. The customer can still open the private link, and the right code still works.',
        'If the customer cannot get in, or someone seems to be guessing, issue a new access code on the form page.',
        'Open the form: {url}',
      ],
    },
  },
  sign_in_locked: {
    'zh-CN': {
      subject: ['账号 {login} 已暂停从新地址登录', '地址 {address} 已暂停登录'],
      lines: [
        [
          '账号 {login} 从未成功登录过的地址登录失败已达 {failures} 次，已暂停从这些地址登录至 {deadline}（失败继续则加倍）。最近成功登录过该账号的地址不受影响。',
          '地址 {address} 登录失败已达 {failures} 次，已暂停从该地址登录至 {deadline}（失败继续则加倍）。最近从该地址成功登录过的账号不受影响。',
        ],
        '这可能是有人在猜测密码。可在“登录安全”页面查看失败记录并解除锁定：{url}',
      ],
    },
    en: {
      subject: ['Login {login}: signing in from new addresses is paused', 'Address {address}: signing in is paused'],
      lines: [
        [
          'Login {login} has {failures} failed sign-ins from addresses it never signed in from; signing in from them is paused until {deadline} (doubling with further failures). Addresses that signed it in lately are not affected.',
          'Address {address} has {failures} failed sign-ins; signing in from it is paused until {deadline} (doubling with further failures). Logins that signed in from it lately are not affected.',
        ],
        'Someone may be guessing passwords. See the failures and lift the lock on the sign-in security page: {url}',
      ],
    },
  },
  state_changed: {
    'zh-CN': {
      subject: ['处理单 {number} 状态更新：{statusLabel}', '处理单 {number} 状态已更新'],
      lines: [
        ['您的处理单 {number} 当前状态：{statusLabel}。', '您的处理单 {number} 状态已更新。'],
        '{message}',
        '查询处理进度：{trackUrl}',
      ],
    },
    en: {
      subject: ['Form {number}: {statusLabel}', 'Form {number} has been updated'],
      lines: [
        ['Your form {number} is now: {statusLabel}.', 'Your form {number} has been updated.'],
        '{message}',
        'Track its progress: {trackUrl}',
      ],
    },
  },
  // The GM's decision on a determination that found the complaint not founded (DESIGN §3).
  not_founded: {
    'zh-CN': {
      subject: '关于处理单 {number} 的调查结论',
      lines: [
        '您好！我们已对处理单 {number} 所反映的问题进行了调查核实，经部门认定、管理部复核和总经理审批，认定投诉不成立，原因如下：',
        '{message}',
        ['如有疑问或新的情况，欢迎随时与我们联系。查询：{trackUrl}', '如有疑问或新的情况，欢迎随时与我们联系。'],
      ],
    },
    en: {
      subject: 'The finding on form {number}',
      lines: [
        'We have investigated form {number}: after the department’s finding, a review by management and the general manager’s decision, we found the complaint not founded, for this reason:',
        '{message}',
        ['If you have any question or new information, please contact us. Details: {trackUrl}', 'If you have any question or new information, please contact us.'],
      ],
    },
  },
  rejected: {
    'zh-CN': {
      subject: '关于处理单 {number} 的答复',
      lines: [
        '您好！经核实，处理单 {number} 所反映的问题不予受理，说明如下：',
        '{message}',
        ['如有疑问，欢迎随时与我们联系。查询：{trackUrl}', '如有疑问，欢迎随时与我们联系。'],
      ],
    },
    en: {
      subject: 'Our answer to form {number}',
      lines: [
        'We have looked into form {number} carefully and cannot accept it as a complaint, for this reason:',
        '{message}',
        ['If you have any question, please contact us. Details: {trackUrl}', 'If you have any question, please contact us.'],
      ],
    },
  },
  // A progress update written by staff (a customer-visible note): the note is the message.
  progress: {
    'zh-CN': {
      subject: '处理单 {number} 处理进展',
      lines: ['处理单 {number} 的最新进展：{message}', '查询处理进度：{trackUrl}'],
    },
    en: {
      subject: 'Progress on form {number}',
      lines: ['News on form {number}: {message}', 'Track its progress: {trackUrl}'],
    },
  },
  // Triage: the first word to the customer after intake — who handles it and by when.
  triaged: {
    'zh-CN': {
      subject: ['处理单 {number} 已交由{department}处理', '处理单 {number} 已交由责任部门处理'],
      lines: [
        ['您好！您的处理单 {number} 已交由{department}负责处理。', '您好！您的处理单 {number} 已交由责任部门处理。'],
        '该部门将在 {deadline} 前完成调查并确定处理方案，需要时会与您联系。',
        '预计解决时间：{resolutionDue}',
        '查询处理进度：{trackUrl}',
      ],
    },
    en: {
      subject: ['Form {number} is with our {department}', 'Form {number} is with the responsible department'],
      lines: [
        ['Your form {number} is now handled by our {department}.', 'Your form {number} is now handled by the responsible department.'],
        'They will finish looking into it and decide what to do by {deadline}, and will contact you if they need to.',
        'We expect it to be resolved by {resolutionDue}.',
        'Track its progress: {trackUrl}',
      ],
    },
  },
  // A pending item taken up again: why handling continues, and by when the next step is due.
  resumed: {
    'zh-CN': {
      subject: '处理单 {number} 已恢复处理',
      lines: [
        '您的处理单 {number} 已恢复处理：{message}',
        '责任部门将在 {deadline} 前完成调查并确定处理方案。',
        '查询处理进度：{trackUrl}',
      ],
    },
    en: {
      subject: 'Form {number}: handling continues',
      lines: [
        'We have taken up your form {number} again: {message}',
        'The responsible department will finish looking into it and decide what to do by {deadline}.',
        'Track its progress: {trackUrl}',
      ],
    },
  },
  survey: {
    'zh-CN': {
      subject: '请为处理单 {number} 的处理结果评分',
      lines: [
        [
          '您好！处理单 {number} 已处理完毕，诚邀您对本次处理进行评价：{trackUrl}',
          '您好！处理单 {number} 已处理完毕，诚邀您对本次处理进行评价。',
        ],
        '您的意见将帮助我们改进服务。',
      ],
    },
    en: {
      subject: 'How did we handle form {number}?',
      lines: [
        [
          'Form {number} has been handled. Please tell us how satisfied you are: {trackUrl}',
          'Form {number} has been handled. Please tell us how satisfied you are.',
        ],
        'Your answer helps us improve.',
      ],
    },
  },
  assigned: {
    'zh-CN': {
      subject: '待办：处理单 {number} 等待您处理',
      lines: [
        ['处理单 {number} 等待您处理（{statusLabel}）。', '处理单 {number} 等待您处理。'],
        '本环节截止时间：{deadline}',
        '{message}',
        '打开处理单：{url}',
      ],
    },
    en: {
      subject: 'To do: form {number} is waiting for you',
      lines: [
        ['Form {number} is waiting for you ({statusLabel}).', 'Form {number} is waiting for you.'],
        'This step is due by {deadline}.',
        '{message}',
        'Open the form: {url}',
      ],
    },
  },
  deadline_warning: {
    'zh-CN': {
      subject: '预警：处理单 {number} 即将超时',
      lines: [
        [
          '处理单 {number}（{statusLabel}）本环节时限已过大半，截止时间：{deadline}。',
          '处理单 {number} 本环节时限已过大半，截止时间：{deadline}。',
          '处理单 {number} 本环节时限已过大半。',
        ],
        '{message}',
        '打开处理单：{url}',
      ],
    },
    en: {
      subject: 'Warning: form {number} is close to its deadline',
      lines: [
        [
          'Most of the time for the current step of form {number} ({statusLabel}) has passed; it is due by {deadline}.',
          'Most of the time for the current step of form {number} has passed; it is due by {deadline}.',
          'Most of the time for the current step of form {number} has passed.',
        ],
        '{message}',
        'Open the form: {url}',
      ],
    },
  },
  overdue: {
    'zh-CN': {
      subject: '超时：处理单 {number} 已超过本环节时限',
      lines: [
        [
          '处理单 {number}（{statusLabel}）已超过本环节时限（截止时间：{deadline}），请立即处理。',
          '处理单 {number} 已超过本环节时限（截止时间：{deadline}），请立即处理。',
          '处理单 {number} 已超过本环节时限，请立即处理。',
        ],
        '{message}',
        '打开处理单：{url}',
      ],
    },
    en: {
      subject: 'Overdue: form {number} has passed its deadline',
      lines: [
        [
          'Form {number} ({statusLabel}) has passed the deadline of its current step ({deadline}). Please act now.',
          'Form {number} has passed the deadline of its current step ({deadline}). Please act now.',
          'Form {number} has passed the deadline of its current step. Please act now.',
        ],
        '{message}',
        'Open the form: {url}',
      ],
    },
  },
  admin_repair: {
    'zh-CN': {
      subject: '处理单 {number} 已由系统管理员修正',
      lines: [['系统管理员修正了处理单 {number}（当前状态：{statusLabel}）。', '系统管理员修正了处理单 {number}。'], '修正原因：{message}', '打开处理单：{url}'],
    },
    en: {
      subject: 'Form {number} was corrected by an administrator',
      lines: [['An administrator corrected form {number} (now: {statusLabel}).', 'An administrator corrected form {number}.'], 'Reason: {message}', 'Open the form: {url}'],
    },
  },
  resolved: {
    'zh-CN': {
      subject: '处理单 {number} 已处理完毕',
      lines: [
        '您好！您的处理单 {number} 已处理完毕。',
        '何时解决：{customerWhen}',
        '如何解决：{customerHow}',
        '问题原因：{customerCause}',
        '今后如何避免：{customerPrevention}',
        '处理措施：{message}',
        ['请花一分钟为本次处理评分（仅在您提交评分后记录）：{trackUrl}', '欢迎对本次处理进行评价。'],
      ],
    },
    en: {
      subject: 'Form {number} has been resolved',
      lines: [
        'Your form {number} has been resolved.',
        'When: {customerWhen}',
        'How: {customerHow}',
        'Why it happened: {customerCause}',
        'What we do so that it does not happen again: {customerPrevention}',
        'Remedy: {message}',
        ['Please take a minute to rate how we handled it (only a rating you submit is recorded): {trackUrl}', 'We would value your rating.'],
      ],
    },
  },
  withdrawn: {
    'zh-CN': {
      subject: '处理单 {number} 已撤回',
      lines: ['按您的意愿，处理单 {number} 已撤回。', '原因：{message}', '如仍有问题，欢迎随时与我们联系。'],
    },
    en: {
      subject: 'Form {number} was withdrawn',
      lines: ['As you asked, form {number} has been withdrawn.', 'Reason: {message}', 'If anything is still wrong, please contact us at any time.'],
    },
  },
  pending: {
    'zh-CN': {
      subject: '处理单 {number} 已列入未了事宜',
      lines: [
        '您的处理单 {number} 暂时无法完结，我们已将其列入未了事宜并会定期与您联系。',
        '原因：{message}',
        '我们将在 {contactDay} 再次与您联系。',
        '查询处理进度：{trackUrl}',
      ],
    },
    en: {
      subject: 'Form {number} is on our pending list',
      lines: [
        'Your form {number} cannot be closed yet; it is on our pending list and we will keep in touch.',
        'Why: {message}',
        'We will contact you again on {contactDay}.',
        'Track its progress: {trackUrl}',
      ],
    },
  },
  reopened: {
    'zh-CN': {
      subject: '处理单 {number} 已重新处理',
      lines: ['您的处理单 {number} 已重新开始处理。', '原因：{message}', '下一步预计在 {deadline} 前完成。', '查询处理进度：{trackUrl}'],
    },
    en: {
      subject: 'Form {number} has been reopened',
      lines: ['We are handling your form {number} again.', 'Reason: {message}', 'The next step is due by {deadline}.', 'Track its progress: {trackUrl}'],
    },
  },
  gm_instruction: {
    'zh-CN': {
      subject: '总经理已对重大投诉 {number} 作出指示',
      lines: ['总经理已对重大投诉 {number} 作出指示，请按指示处理。', '打开处理单：{url}'],
    },
    en: {
      subject: 'The general manager instructed on major complaint {number}',
      lines: ['The general manager gave an instruction on major complaint {number}; please act on it.', 'Open the form: {url}'],
    },
  },
  major_needs_instruction: {
    'zh-CN': {
      subject: '重大投诉 {number} 待您指示',
      lines: ['处理单 {number} 被标为重大投诉，在您作出指示前不能离开责任认定步骤。', '打开处理单：{url}'],
    },
    en: {
      subject: 'Major complaint {number} awaits your instruction',
      lines: ['Form {number} is a major complaint: it cannot leave responsibility determination until you give an instruction.', 'Open the form: {url}'],
    },
  },
  ledger_round: {
    'zh-CN': {
      subject: '未了事宜 {number}：本月 4 日联系客户',
      lines: ['请联系未了事宜 {number} 的客户，提醒其回店，并记录变化情况。', '打开处理单：{url}'],
    },
    en: {
      subject: 'Pending item {number}: this month\'s call (the 4th)',
      lines: ['Please call the customer of pending item {number}, remind them to come back, and record what changed.', 'Open the form: {url}'],
    },
  },
  summary_weekly: {
    'zh-CN': {
      subject: '客诉周报（{from} 至 {to}）',
      lines: ['本周受理 {received} 张，解决 {resolved} 张，调查后认定不成立 {notFounded} 张；当前超期未结 {overdue} 张。', '其中重复投诉（同一客户在规定期限内再次投诉）{repeats} 张。', '处罚 {penalties}，奖励 {rewards}。', '查看报表：{url}'],
    },
    en: {
      subject: 'Weekly complaint summary ({from} to {to})',
      lines: ['Received {received}, resolved {resolved}, found not founded after investigation {notFounded}; {overdue} open forms are overdue now.', 'Repeat complaints among those received (the same customer again within the period): {repeats}.', 'Penalties {penalties}, rewards {rewards}.', 'Report: {url}'],
    },
  },
  summary_monthly: {
    'zh-CN': {
      subject: '客诉月报（{from} 至 {to}）',
      lines: ['上月受理 {received} 张，解决 {resolved} 张，调查后认定不成立 {notFounded} 张；当前超期未结 {overdue} 张。', '其中重复投诉（同一客户在规定期限内再次投诉）{repeats} 张。', '处罚 {penalties}，奖励 {rewards}。', '查看报表：{url}'],
    },
    en: {
      subject: 'Monthly complaint summary ({from} to {to})',
      lines: ['Received {received}, resolved {resolved}, found not founded after investigation {notFounded}; {overdue} open forms are overdue now.', 'Repeat complaints among those received (the same customer again within the period): {repeats}.', 'Penalties {penalties}, rewards {rewards}.', 'Report: {url}'],
    },
  },
  summary_accountability: {
    'zh-CN': {
      subject: '奖惩汇总（{from} 至 {to}）',
      lines: [
        '上月处罚合计 {penalties}，奖励合计 {rewards}。',
        {
          each: 'people',
          lines: [
            ['{name}（名录外人员{?outside}）：处罚 {penalties}，奖励 {rewards}', '{name}（{department}）：处罚 {penalties}，奖励 {rewards}', '{name}：处罚 {penalties}，奖励 {rewards}'],
            { each: 'entries', lines: [['  · {number} 处罚 {penalty}：{reason}', '  · {number} 奖励 {reward}：{reason}']] },
          ],
        },
        '明细见报表：{url}',
      ],
    },
    en: {
      subject: 'Penalties and rewards ({from} to {to})',
      lines: [
        'Last month: penalties {penalties}, rewards {rewards} in all.',
        {
          each: 'people',
          lines: [
            ['{name} (not in the staff list{?outside}): penalties {penalties}, rewards {rewards}', '{name} ({department}): penalties {penalties}, rewards {rewards}', '{name}: penalties {penalties}, rewards {rewards}'],
            { each: 'entries', lines: [['  · {number} penalty {penalty}: {reason}', '  · {number} reward {reward}: {reason}']] },
          ],
        },
        'Details: {url}',
      ],
    },
  },
  low_satisfaction: {
    'zh-CN': {
      subject: '低满意度：处理单 {number}',
      lines: [
        ['客户对处理单 {number} 的处理结果不满意（评分：{satisfaction}）。', '客户对处理单 {number} 的处理结果不满意。'],
        '客户意见：{message}',
        '打开处理单：{url}',
      ],
    },
    en: {
      subject: 'Low satisfaction: form {number}',
      lines: [
        [
          'The customer is not satisfied with how form {number} was handled (score: {satisfaction}).',
          'The customer is not satisfied with how form {number} was handled.',
        ],
        'Customer comment: {message}',
        'Open the form: {url}',
      ],
    },
  },
};

export class UnknownTemplateError extends Error {
  constructor(template: string) {
    super(`Unknown notification template "${template}"`);
    this.name = 'UnknownTemplateError';
  }
}

export function isTemplateName(name: string): name is TemplateName {
  return (TEMPLATE_NAMES as readonly string[]).includes(name);
}

export function normalizeLocale(locale: string | null | undefined): NotifyLocale {
  return locale && locale.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

/** Business time zone: KESU_TIME_ZONE or Asia/Shanghai. */
export function businessTimeZone(): string {
  return process.env.KESU_TIME_ZONE || 'Asia/Shanghai';
}

function formatDeadline(value: unknown, locale: NotifyLocale): string | undefined {
  if (typeof value !== 'string' && !(value instanceof Date)) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return typeof value === 'string' && value ? value : undefined;
  // The same date-time as the pages (lib/i18n/format), in the customer's language.
  return createFormat(locale, businessTimeZone()).dateTime(date);
}

const FIELD = /\{(\??)(\w+)\}/g;

/** Fills `{name}` fields (`{?name}`: required, prints nothing); returns null when a field is missing or empty. */
function fill(line: string, values: Record<string, string | undefined>): string | null {
  let missing = false;
  const out = line.replace(FIELD, (_, silent: string, name: string) => {
    const v = values[name];
    if (v === undefined || v === '') missing = true;
    return silent ? '' : (v ?? '');
  });
  return missing ? null : out;
}

function pick(line: string | string[], values: Record<string, string | undefined>): string | null {
  for (const alternative of Array.isArray(line) ? line : [line]) {
    const filled = fill(alternative, values);
    if (filled !== null) return filled;
  }
  return null;
}

/**
 * Renders a notification: (template, locale 'zh-CN' | 'en', payload) → { subject, text }.
 * Any locale starting with "en" renders English, anything else Chinese. Throws
 * UnknownTemplateError for a template that is not in the table.
 */
export function renderTemplate(
  template: string,
  locale: string | null | undefined,
  payload: NotificationPayload | null | undefined,
): { subject: string; text: string } {
  if (!isTemplateName(template)) throw new UnknownTemplateError(template);
  const loc = normalizeLocale(locale);
  const entry = TEMPLATES[template][loc];
  const p = payload ?? {};
  const values = scalars(p, {}, loc);
  values.deadline = formatDeadline(p.deadline, loc);
  values.resolutionDue = formatDeadline(p.resolutionDue, loc);
  // A YYYY-MM-DD day has no time zone: shown as the pages show days.
  if (typeof p.contactDay === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(p.contactDay)) values.contactDay = createFormat(loc, businessTimeZone()).day(p.contactDay);

  const subjects = (Array.isArray(entry.subject) ? entry.subject : [entry.subject]) as string[];
  const subject =
    pick(subjects, values) ?? subjects[subjects.length - 1].replace(FIELD, (_, _s: string, n: string) => values[n] ?? '').trim();
  return { subject, text: renderLines(entry.lines, values, p, loc).join('\n') };
}

/** The text fields of one payload object over the inherited ones. */
// Days and amounts in the reader's language, as the pages write them (the payload keeps machine
// values: YYYY-MM-DD and yuan with two decimals, so queued rows render either way).
const dayKeys = new Set(['from', 'to']);
const moneyKeys = new Set(['penalties', 'rewards', 'penalty', 'reward']);

function scalars(p: Record<string, unknown>, inherited: Record<string, string | undefined>, loc: NotifyLocale): Record<string, string | undefined> {
  const values = { ...inherited };
  const format = createFormat(loc, businessTimeZone());
  for (const [key, v] of Object.entries(p)) {
    if (typeof v === 'string') values[key] = v.trim();
    else if (typeof v === 'number' || typeof v === 'boolean') values[key] = String(v);
    const value = values[key];
    if (value === undefined || !Object.hasOwn(p, key)) continue;
    if (dayKeys.has(key) && /^\d{4}-\d{2}-\d{2}$/.test(value)) values[key] = format.day(value);
    if (moneyKeys.has(key) && /^-?\d+(\.\d+)?$/.test(value)) values[key] = format.money(Math.round(Number(value) * 100));
  }
  return values;
}

function renderLines(lines: readonly Line[], values: Record<string, string | undefined>, p: Record<string, unknown>, loc: NotifyLocale): string[] {
  return lines.flatMap((line) => {
    if (typeof line === 'string' || Array.isArray(line)) {
      const filled = pick(line, values);
      return filled === null ? [] : [filled];
    }
    const items = Array.isArray(p[line.each]) ? (p[line.each] as unknown[]) : [];
    return items
      .filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null && !Array.isArray(item))
      .flatMap((item) => renderLines(line.lines, scalars(item, values, loc), item, loc));
  });
}
