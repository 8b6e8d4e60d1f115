import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import { clientMessages, type ClientPart } from '@/lib/i18n/client-messages';

/** The i18n provider of one part of the app, with only the messages its client components use. */
export async function ClientMessages({ part, children }: { part: ClientPart; children: React.ReactNode }) {
  const messages = await getMessages();
  return <NextIntlClientProvider messages={clientMessages(messages as Record<string, unknown>, part)}>{children}</NextIntlClientProvider>;
}
