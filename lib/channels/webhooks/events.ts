/** The event types an endpoint can subscribe to (queued by the triggers of migration 0022). */
export const webhookEventTypes = ['form.created', 'form.state_changed', 'form.overdue', 'form.crisis_flagged', 'survey.answered'] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** The event type as a message key (next-intl keys cannot hold a dot): form.created → form_created. */
export function eventKey<T extends string>(type: T) {
  return type.replace('.', '_') as T extends `${infer A}.${infer B}` ? `${A}_${B}` : string;
}

export const webhookKinds = ['standard', 'wecom'] as const;
export type WebhookKind = (typeof webhookKinds)[number];
