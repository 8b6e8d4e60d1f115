import { beforeAll, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { findReplyToken, replyAddress } from '@/lib/channels/mail/reply-token';
import { createComplaint } from '@/lib/complaints/commands';
import { deliverDueNotifications } from '@/lib/notify/deliver';
import type { OutboundMessage } from '@/lib/notify/transports';
import { forEachBackend } from '@/tests/helpers/databases';
import { customerInput, setupDesk } from '../public/fixtures';

process.env.AUTH_SECRET ??= 'test-secret-for-reply-tokens';

forEachBackend('customer e-mails carry the reply address', (backend) => {
  let database: Database;
  beforeAll(async () => {
    database = await backend.open();
    await setupDesk(database.db);
  });

  it('sets Reply-To to the form\'s token address, which routes back to that form only', async () => {
    process.env.KESU_MAIL_REPLY_TO = 'service@example.com';
    const { complaint } = await createComplaint(customerInput({ customerEmail: 'lin@example.com' }), null, {}, database.db);
    const sent: OutboundMessage[] = [];
    await deliverDueNotifications(database, { transports: { email: { send: async (m) => void sent.push(m) } } });
    const mail = sent.find((m) => m.to === 'lin@example.com')!;
    expect(mail.replyTo).toBe(replyAddress(complaint.number));
    expect(findReplyToken([`"Service" <${mail.replyTo}>`])).toBe(complaint.number);
    expect(findReplyToken([mail.replyTo!.replace(complaint.number, 'KS-2026-999999')])).toBeNull();
    delete process.env.KESU_MAIL_REPLY_TO;
    expect(replyAddress(complaint.number)).toBeUndefined();
  });
});
