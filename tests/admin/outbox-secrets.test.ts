import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { complaints, notifications } from '@/db/schema';
import { listNotifications, SECRET_MASK } from '@/lib/admin/outbox';
import { createComplaint } from '@/lib/complaints/commands';
import { forEachBackend } from '@/tests/helpers/databases';
import { adminFixture, complaintInput, T0, type AdminFixture } from './fixtures';

// Finding 6: the admin read every customer's access code and private link in the outbox,
// unrecorded, although only the desk may see a code and every showing is recorded.
forEachBackend('admin outbox: no customer secrets', (backend) => {
  let fx: AdminFixture;
  beforeAll(async () => {
    fx = await adminFixture(await backend.open());
  });

  it('shows the customer messages with the access code and the private link masked, in the text and in a transport error', async () => {
    const { complaint } = await createComplaint({ ...complaintInput, customerEmail: 'liu@example.com' }, fx.desk, { now: T0 }, fx.db);
    const [form] = await fx.db.select().from(complaints).where(eq(complaints.id, complaint.id));
    // A provider that echoes the message back in its error.
    await fx.db
      .update(notifications)
      .set({ status: 'failed', lastError: `rejected: "查询码：${form.accessCode} http://x/track/${form.trackingToken}" token=${form.trackingToken}` })
      .where(eq(notifications.channel, 'sms'));

    const page = await listNotifications({ limit: 200 }, fx.db);
    const customer = page.rows.filter((r) => r.audience === 'customer');
    expect(customer.map((r) => r.channel).sort()).toEqual(['email', 'sms']);
    const shown = JSON.stringify(page.rows);
    expect(shown).not.toContain(form.accessCode);
    expect(shown).not.toContain(form.trackingToken);
    for (const r of customer) {
      // The message still reads as sent: that a code and a link went out, not their value.
      expect(r.rendered?.text).toContain(`查询码：${SECRET_MASK}`);
      expect(r.rendered?.text).toMatch(new RegExp(`/track/${SECRET_MASK}`));
      expect(r.rendered?.text).toContain(form.number);
    }
    const sms = customer.find((r) => r.channel === 'sms')!;
    expect(sms.lastError).toContain(SECRET_MASK);
    expect(sms.recipient).toContain(complaintInput.customerPhone); // the address stays: the admin checks deliveries
  });
});
