import { z } from 'zod';
import { channels, createComplaintSchema, eventSchemas, events, severities, states, type EventName } from '@/lib/workflow';
import { searchFiltersSchema } from '@/lib/complaints/search';
import { complaintNumberSchema } from '@/lib/params';

/**
 * The JSON API's request and response shapes. Requests reuse the UI's own schemas (the intake
 * form's createComplaintSchema, the procedure's eventSchemas, the staff search's filters);
 * lib/api/openapi.ts turns exactly these into the OpenAPI document, so the document and the
 * checks cannot drift apart.
 */

/** Events fired through /events: evidence arrives as files through /attachments instead. */
export const apiEvents = events.filter((e): e is Exclude<EventName, 'evidence_added'> => e !== 'evidence_added');
export type ApiEvent = (typeof apiEvents)[number];

/** The intake's schema, its rule included; the phone's description says the rule JSON Schema cannot. */
export const createFormSchema = createComplaintSchema.safeExtend({
  customerPhone: createComplaintSchema.shape.customerPhone.describe('Required, except for channel `email` with customerEmail'),
});

export const pageSizeDefault = 25;
export const listQuerySchema = searchFiltersSchema.extend({
  after: z.string().max(200).optional().describe('The `next` cursor of the previous page'),
  before: z.string().max(200).optional().describe('The `previous` cursor of the next page'),
  limit: z.coerce.number().int().min(1).max(100).default(pageSizeDefault).catch(pageSizeDefault),
});

const version = z.number().int().positive().describe('The version of the form you last read (its ETag); or send it as If-Match');

/** What /events parses itself; the event's own input is checked by the command layer with eventSchemas[event]. */
export const fireEventSchema = z.object({
  event: z.enum(apiEvents),
  version: version.optional(),
  input: z.record(z.string(), z.unknown()).default({}),
});

/** The same body as the document describes it: one shape per event, its input the procedure's own schema. */
export const fireEventDocSchema = z.discriminatedUnion(
  'event',
  apiEvents.map((e) => z.object({ event: z.literal(e), version: version.optional(), input: eventSchemas[e] })) as unknown as [
    z.ZodObject<{ event: z.ZodLiteral<ApiEvent> }>,
    ...z.ZodObject<{ event: z.ZodLiteral<ApiEvent> }>[],
  ],
);

/** A note: the note event's own fields, with the version optional (a note competes with nothing). */
export const noteSchema = eventSchemas.note.pick({ text: true, customerVisible: true }).extend({ version: version.optional() });

export const formNumberParam = complaintNumberSchema.meta({ description: 'The form number', examples: ['KS-2026-000123'] });

// ---- responses -------------------------------------------------------------------------------

const ts = z.iso.datetime();

export const listItemSchema = z.object({
  number: z.string(),
  status: z.enum(states),
  severity: z.enum(severities),
  customerName: z.string(),
  customerPhone: z.string().nullable().describe('E.164; null when the customer gave none (a form from an e-mail)'),
  subject: z.string().nullable(),
  category: z.string().nullable(),
  department: z.string().nullable(),
  major: z.boolean(),
  repeat: z.boolean(),
  overdue: z.boolean(),
  receivedAt: ts,
  stepDueAt: ts.nullable(),
});
export type ListItem = z.infer<typeof listItemSchema>;

export const listPageSchema = z.object({
  items: z.array(listItemSchema),
  next: z.string().optional().describe('Cursor for the next (older) page: pass as `after`'),
  previous: z.string().optional().describe('Cursor for the previous (newer) page: pass as `before`'),
});

export const historyEventSchema = z.object({
  version: z.number().int(),
  type: z.string(),
  fromState: z.string().nullable(),
  toState: z.string(),
  at: ts,
  actorName: z.string().describe('Left out of the customer-visible history'),
  actorRole: z.string(),
  customerVisible: z.boolean(),
  payload: z.record(z.string(), z.unknown()).describe('Customer-visible history: only the inputs the customer reads'),
});
export type HistoryEventOut = z.infer<typeof historyEventSchema>;

export const attachmentSchema = z.object({ filename: z.string(), mime: z.string(), size: z.number().int(), fromCustomer: z.boolean(), at: ts });

export const formSchema = z.object({
  number: z.string(),
  version: z.number().int(),
  status: z.enum(states),
  severity: z.enum(severities),
  channel: z.enum(channels),
  category: z.string().nullable(),
  department: z.string().nullable().describe('The department code'),
  major: z.boolean(),
  customerName: z.string(),
  customerPhone: z.string().nullable().describe('E.164; null when the customer gave none (a form from an e-mail)'),
  customerEmail: z.string().nullable(),
  customerLocale: z.string(),
  subjectProduct: z.string().nullable(),
  plate: z.string().nullable(),
  vehicleModel: z.string().nullable(),
  purchaseDate: z.string().nullable(),
  description: z.string(),
  customerRequest: z.string().nullable(),
  repeatOf: z.array(z.string()).describe('Earlier forms this one was linked to at intake'),
  receivedAt: ts,
  stepDueAt: ts.nullable(),
  responseDueAt: ts,
  resolutionDueAt: ts,
  resolvedAt: ts.nullable(),
  archivedAt: ts.nullable(),
  history: z.array(historyEventSchema),
  attachments: z.array(attachmentSchema),
});
export type FormOut = z.infer<typeof formSchema>;

export const changedSchema = z.object({ number: z.string(), status: z.enum(states), version: z.number().int() });
export const uploadedSchema = changedSchema.extend({ count: z.number().int() });

export const problemSchema = z.object({
  type: z.string(),
  title: z.string().describe("The UI's message, in the language of Accept-Language"),
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
  errors: z.record(z.string(), z.array(z.string())).optional().describe('Per field, the messages the form would show'),
});
