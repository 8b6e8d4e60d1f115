import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import { log, maskRecipient } from '@/lib/log';

/** One rendered message on its way out. */
export interface OutboundMessage {
  /** E-mail address or phone number. */
  to: string;
  subject: string;
  text: string;
  locale: string;
  /** The template's name, for logs (which never carry the text: it holds access codes and links). */
  template?: string;
  /** E-mail: where the customer's answer goes (the form's reply address, lib/channels/mail/reply-token.ts). */
  replyTo?: string;
  /** Files sent with an e-mail (a stored report's XLSX); SMS ignores them. */
  attachments?: MessageAttachment[];
}

export interface MessageAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

/**
 * What a transport that delivers nothing answers: no provider is configured for the channel.
 * The row becomes 'unsent', never 'sent' (a message is sent only when a provider accepted it).
 */
export const NOT_SENT = 'not_sent' as const;

export interface Transport {
  /**
   * Resolves when the provider accepted the message, or with NOT_SENT when there is no provider
   * to give it to; rejects (throws) on any failure.
   */
  send(msg: OutboundMessage): Promise<void | typeof NOT_SENT>;
}

/** Transports by channel. The `inbox` channel needs none: the outbox row is the message. */
export interface Transports {
  email?: Transport;
  sms?: Transport;
}

/**
 * A failure that retrying cannot fix (no address, unknown template, provider says the request
 * is invalid): the row becomes 'failed' at once instead of being retried.
 */
export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

/**
 * Logs one line per message (development, or no provider configured): the recipient masked and
 * the template, never the text or subject, which carry the access code and the tracking link.
 * The message itself stays readable in /admin/outbox.
 */
export function logTransport(channel: string, logger: Logger = log): Transport {
  return {
    async send(msg) {
      logger.info({ channel, to: maskRecipient(msg.to), template: msg.template ?? null, locale: msg.locale }, 'notification not sent: no provider configured');
      return NOT_SENT;
    },
  };
}

/** E-mail through SMTP (nodemailer). `url` is e.g. smtps://user:pass@smtp.example.com:465. */
export function smtpTransport(url: string, from: string): Transport {
  const transporter = nodemailer.createTransport({
    url,
    // Bounded, so that a hanging server cannot outlive the outbox claim (see deliver.ts).
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  } as nodemailer.TransportOptions);
  return {
    async send(msg) {
      await transporter.sendMail({ from, to: msg.to, subject: msg.subject, text: msg.text, ...(msg.replyTo ? { replyTo: msg.replyTo } : {}), attachments: msg.attachments });
    },
  };
}

/**
 * SMS through an HTTP provider: POST {to, text} as JSON with `Authorization: Bearer <key>`.
 * Any non-2xx answer is a failure (retried); 400/401/403/404/422 are permanent.
 */
export function httpSmsTransport(url: string, key: string, timeoutMs = 30_000): Transport {
  return {
    async send(msg) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ to: msg.to, text: msg.text }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (res.ok) {
        await res.body?.cancel().catch(() => {});
        return;
      }
      const body = (await res.text().catch(() => '')).slice(0, 300);
      const message = `SMS provider answered ${res.status} ${res.statusText}${body ? `: ${body}` : ''}`;
      if ([400, 401, 403, 404, 422].includes(res.status)) throw new PermanentDeliveryError(message);
      throw new Error(message);
    },
  };
}

/** Which channels have a real provider, for the admin's outbox page (never the addresses or keys). */
export interface TransportConfiguration {
  email: { configured: boolean; from: string | null };
  sms: { configured: boolean };
}

export function transportConfiguration(env: Record<string, string | undefined> = process.env): TransportConfiguration {
  return {
    email: { configured: !!env.SMTP_URL, from: env.SMTP_URL ? env.SMTP_FROM || DEFAULT_FROM : null },
    sms: { configured: !!(env.SMS_URL && env.SMS_KEY) },
  };
}

const DEFAULT_FROM = 'Kesu <no-reply@localhost>';

/**
 * The transports configured by the environment:
 * - email: SMTP when SMTP_URL is set (sender SMTP_FROM, default 'Kesu <no-reply@localhost>');
 * - sms: HTTP provider when SMS_URL and SMS_KEY are set;
 * - otherwise a log transport for that channel: the row becomes 'unsent' and stays readable in
 *   /admin/outbox, where it can be queued again once a provider is configured.
 */
export function transportsFromEnv(env: Record<string, string | undefined> = process.env): Required<Transports> {
  return {
    email: env.SMTP_URL
      ? smtpTransport(env.SMTP_URL, env.SMTP_FROM || DEFAULT_FROM)
      : logTransport('email'),
    sms: env.SMS_URL && env.SMS_KEY ? httpSmsTransport(env.SMS_URL, env.SMS_KEY) : logTransport('sms'),
  };
}
