/** The event types an endpoint can subscribe to (queued by the triggers of migration 0022). */
export const webhookEventTypes = ['form.created', 'form.state_changed', 'form.overdue', 'survey.answered'] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

export const webhookKinds = ['standard', 'wecom'] as const;
export type WebhookKind = (typeof webhookKinds)[number];
