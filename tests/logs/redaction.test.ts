/**
 * Logs carry no access code, tracking token or link, password or customer detail: the log
 * transport prints the recipient masked and the template only; a failed insert is logged
 * without drizzle's query parameters.
 */
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { complaints } from '@/db/schema';
import { createLogger, maskRecipient, safeError } from '@/lib/log';
import { logTransport } from '@/lib/notify/transports';
import { renderTemplate } from '@/lib/notify/templates';
import { forEachBackend } from '@/tests/helpers/databases';
import { setupDesk } from '@/tests/public/fixtures';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger(stream), lines, text: () => lines.join('') };
}

const accessCode = 'K7M3P9QX';
const token = 'Zq3x9TtkR2v8WmPa4LsYb6NcD1eFgHjK';
const phone = '13912345678';
const email = 'lin.xiaojie@example.com';

describe('log transport', () => {
  it('prints the masked recipient and the template, never the text, code, link or number', async () => {
    const { logger, text } = capture();
    const link = `https://kesu.example/track/${token}`;
    const rendered = renderTemplate('received', 'en', { number: 'KS-2026-000123', accessCode, trackUrl: link });
    // The real message does hold the code and the link (so the check below means something).
    expect(rendered.text).toContain(accessCode);
    expect(rendered.text).toContain(link);
    const msg = { to: phone, ...rendered, locale: 'en', template: 'received' };
    await logTransport('sms', logger).send(msg);
    await logTransport('email', logger).send({ ...msg, to: email });
    const out = text();
    for (const secret of [accessCode, token, link, phone, email, 'lin.xiaojie', msg.text, msg.subject]) expect(out).not.toContain(secret);
    const [sms, mail] = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(sms).toMatchObject({ channel: 'sms', to: '***78', template: 'received', locale: 'en' });
    expect(mail).toMatchObject({ channel: 'email', to: 'l***@e***.com', template: 'received' });
  });

  it('masks recipients', () => {
    expect(maskRecipient('+86 139 1234 5678')).toBe('***78');
    expect(maskRecipient('a@b.cn')).toBe('a***@b***.cn');
    expect(maskRecipient('12')).toBe('***');
  });

  it('redacts secret keys whoever logs them', () => {
    const { logger, text } = capture();
    logger.info({ accessCode, trackingToken: token, password: 'hunter2hunter2', customerPhone: phone, nested: { customerName: '林小姐', text: 'secret words' } }, 'event');
    const out = text();
    for (const secret of [accessCode, token, 'hunter2hunter2', phone, '林小姐', 'secret words']) expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });
});

forEachBackend('a failed insert is logged without the customer data', (backend) => {
  let database: Database;
  let siteId: string;
  beforeAll(async () => {
    database = await backend.open();
    ({ siteId } = await setupDesk(database.db));
  });

  it('drizzle puts the values into the message; the logged form has none of them', async () => {
    const customerName = '林晓洁';
    const description = '车门异响，4S店三次没修好';
    // A NUL in a text column: PostgreSQL refuses the insert (the schemas stop it before; forced here).
    const err = await database.db
      .insert(complaints)
      .values({
        siteId,
        number: 'KS-2026-999999',
        status: 'received',
        severity: 'general',
        categoryId: '00000000-0000-0000-0000-000000000000',
        channel: 'web',
        customerName,
        customerPhone: phone,
        customerEmail: email,
        description: `${description}\u0000`,
        receivedAt: new Date(),
        stateEnteredAt: new Date(),
        responseDueAt: new Date(),
        resolutionDueAt: new Date(),
        accessCode,
        trackingToken: token,
      } as never)
      .then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    // The raw error does carry the data: logging it as it is would leak it.
    expect(String((err as Error).message)).toContain(phone);

    const { logger, text } = capture();
    logger.error({ err }, 'web submission failed');
    const out = text();
    for (const secret of [customerName, phone, email, description, accessCode, token]) expect(out).not.toContain(secret);
    const line = JSON.parse(out);
    expect(line.err.message).toMatch(/^Failed query: insert into "complaints"/);
    expect(line.err.cause).toBeDefined();
    expect(JSON.stringify(safeError(err))).not.toContain(phone);
  });
});
