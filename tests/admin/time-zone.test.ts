import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { saveCalendarSettings } from '@/lib/admin/calendar';
import { listNotifications } from '@/lib/admin/outbox';
import { defaultTimeZone, loadCalendar, loadTimeZone } from '@/lib/complaints/settings';
import { listInbox } from '@/lib/notify/inbox';
import { deliverDueNotifications } from '@/lib/notify/deliver';
import type { OutboundMessage } from '@/lib/notify/transports';
import { forEachBackend } from '@/tests/helpers/databases';
import { adminFixture, type AdminFixture } from './fixtures';

// One source of the business time zone: the admin's calendar setting. KESU_TIME_ZONE only
// seeds it in a fresh database; afterwards it has no say.
const deadline = '2026-03-02T06:30:00.000Z'; // 14:30 in Shanghai, 01:30 in New York

describe('the default zone of a fresh database', () => {
  const saved = process.env.KESU_TIME_ZONE;
  afterEach(() => {
    if (saved === undefined) delete process.env.KESU_TIME_ZONE;
    else process.env.KESU_TIME_ZONE = saved;
  });

  it('is KESU_TIME_ZONE when set, Asia/Shanghai otherwise', () => {
    delete process.env.KESU_TIME_ZONE;
    expect(defaultTimeZone()).toBe('Asia/Shanghai');
    process.env.KESU_TIME_ZONE = 'Europe/Berlin';
    expect(defaultTimeZone()).toBe('Europe/Berlin');
  });
});

forEachBackend('business time zone: the calendar setting is the one source', (backend) => {
  let fx: AdminFixture;
  const saved = process.env.KESU_TIME_ZONE;
  beforeAll(async () => {
    // The environment names a zone when the database is first seeded …
    process.env.KESU_TIME_ZONE = 'Europe/Berlin';
    try {
      fx = await adminFixture(await backend.open());
    } finally {
      if (saved === undefined) delete process.env.KESU_TIME_ZONE;
      else process.env.KESU_TIME_ZONE = saved;
    }
  });

  it('a fresh database takes KESU_TIME_ZONE into its setting; seeding again keeps the setting', async () => {
    expect(await loadTimeZone(fx.db)).toBe('Europe/Berlin');
    expect((await loadCalendar(fx.db)).timeZone).toBe('Europe/Berlin');
    process.env.KESU_TIME_ZONE = 'Asia/Tokyo';
    try {
      await seedBase(fx.db);
      expect(await loadTimeZone(fx.db)).toBe('Europe/Berlin');
    } finally {
      if (saved === undefined) delete process.env.KESU_TIME_ZONE;
      else process.env.KESU_TIME_ZONE = saved;
    }
  });

  it('after the admin saves a zone, notices in the inbox, the outbox and the sent e-mail show dates in it', async () => {
    await saveCalendarSettings({ timeZone: 'America/New_York', workdayStart: '09:00', workdayEnd: '18:00' }, fx.adminId, fx.db);
    process.env.KESU_TIME_ZONE = 'Asia/Tokyo'; // … and has no say afterwards
    try {
      expect(await loadTimeZone(fx.db)).toBe('America/New_York');
      await fx.db.insert(notifications).values([
        { audience: 'desk', channel: 'inbox', recipientUserId: fx.desk.id, template: 'deadline_warning', locale: 'en', payload: { number: 'KS-2026-000001', deadline } },
        { audience: 'customer', channel: 'email', address: 'c@example.com', template: 'received', locale: 'en', payload: { number: 'KS-2026-000002', deadline } },
      ]);
      const [notice] = await listInbox(fx.desk.id, 'en', 50, fx.db);
      expect(notice.text).toContain('Mar 2, 2026, 01:30');
      const outbox = await listNotifications({}, fx.db);
      expect(outbox.rows.map((r) => r.rendered?.text).join('\n')).toContain('We will contact you by Mar 2, 2026, 01:30.');

      const sent: OutboundMessage[] = [];
      await deliverDueNotifications(fx.database, { transports: { email: { send: async (m) => void sent.push(m) } } });
      expect(sent.map((m) => m.text).join('\n')).toContain('We will contact you by Mar 2, 2026, 01:30.');
    } finally {
      if (saved === undefined) delete process.env.KESU_TIME_ZONE;
      else process.env.KESU_TIME_ZONE = saved;
    }
  });
});
