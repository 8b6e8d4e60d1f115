/**
 * The server's own log: JSON lines (pino) with redaction, so that no access code, tracking
 * token or link, password or customer detail reaches the log, whoever calls it with what.
 * Errors go through `safeError`: drizzle puts a failed query's parameters (the customer's name,
 * phone, text) into the message, and PostgreSQL quotes values in its messages and details.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

/** Keys whose values never reach the log, at the top level and one or two objects down. */
export const redactedKeys = [
  'accessCode',
  'trackingToken',
  'token',
  'trackUrl',
  'link',
  'password',
  'passwordHash',
  'customerName',
  'customerPhone',
  'customerEmail',
  'phone',
  'email',
  'address',
  'text',
  'subject',
  'description',
  'customerRequest',
  'params',
  'detail',
  'authorization',
  'cookie',
];

export const redactPaths = redactedKeys.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

export function createLogger(destination?: DestinationStream): Logger {
  return pino(
    {
      base: undefined,
      redact: { paths: redactPaths, censor: '[redacted]' },
      serializers: { err: safeError },
    },
    destination,
  );
}

const g = globalThis as unknown as { __kesuLog?: Logger };
/** One logger per process (hot reloads in development would otherwise open new streams). */
export const log: Logger = (g.__kesuLog ??= createLogger());

export interface SafeError {
  type: string;
  message: string;
  code?: string;
  constraint?: string;
  cause?: SafeError;
}

/**
 * An error as it may be logged: its kind, its message without the query parameters and with
 * quoted values masked, the SQLSTATE and constraint; never `params`, `detail` or the input.
 */
export function safeError(err: unknown, depth = 0): SafeError {
  if (!(err instanceof Error)) return { type: typeof err, message: '[not an Error]' };
  const e = err as Error & { code?: unknown; constraint?: unknown; cause?: unknown };
  const out: SafeError = { type: e.name || 'Error', message: safeMessage(e.message) };
  if (typeof e.code === 'string') out.code = e.code;
  if (typeof e.constraint === 'string') out.constraint = e.constraint;
  if (e.cause && depth < 3) out.cause = safeError(e.cause, depth + 1);
  return out;
}

/** Drops drizzle's "params: …" part and masks quoted values such as `"…"` in PostgreSQL's messages. */
export function safeMessage(message: string): string {
  // drizzle puts the query (with $1, $2 … for the values) first and the values after "params:"; the query may stay.
  if (message.startsWith('Failed query: ')) return message.replace(/\nparams:[\s\S]*$/, '').slice(0, 2000);
  return message
    .replace(/"[^"\n]*"/g, '"…"')
    .replace(/'[^'\n]*'/g, "'…'")
    .slice(0, 2000);
}

/** A phone number or e-mail address as it may be logged: enough to tell two apart, not to reach anybody. */
export function maskRecipient(to: string): string {
  const at = to.indexOf('@');
  if (at > 0) return `${to.slice(0, 1)}***@${to.slice(at + 1).replace(/^[^.]*/, (d) => (d.length ? d[0] + '***' : d))}`;
  const digits = to.replace(/\D/g, '');
  return digits.length >= 4 ? `***${digits.slice(-2)}` : '***';
}
