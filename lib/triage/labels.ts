/**
 * The labels of triage (DESIGN §2a): the default category codes, the department codes that own
 * them, the fast-response severities and the crisis flag. The model learns these; a business that
 * renamed or added categories gets suggestions only for the codes the model knows.
 */
export const categoryCodes = ['quality', 'attitude', 'workmanship', 'delay', 'parts', 'price', 'other'] as const;
export const departmentCodes = ['quality', 'service', 'sales', 'finance', 'parts', 'logistics'] as const;
export const severityCodes = ['general', 'important', 'urgent'] as const;
export const channelCodes = ['walk_in', 'phone', 'email', 'social', 'web', 'letter'] as const;

export type CategoryCode = (typeof categoryCodes)[number];
export type DepartmentCode = (typeof departmentCodes)[number];
export type SeverityCode = (typeof severityCodes)[number];
export type ChannelCode = (typeof channelCodes)[number];

/** One labelled complaint: the schema of tests/fixtures/triage/*.jsonl and of closed forms. */
export interface LabelledComplaint {
  id: string;
  text: string;
  request: string;
  channel: ChannelCode;
  category: string;
  department: string;
  severity: string;
  crisis: boolean;
  cluster: string | null;
}

/** The input of a suggestion: what the customer said and asked for, and how it arrived. */
export interface TriageInput {
  text: string;
  request?: string | null;
  channel?: string | null;
}
