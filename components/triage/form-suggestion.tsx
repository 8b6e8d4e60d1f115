import { getLocale } from 'next-intl/server';
import { getFormat } from '@/lib/i18n/get-format';
import type { StaffUser } from '@/lib/auth/session';
import { suggestTriage } from '@/lib/triage/suggest';
import { SuggestionView } from './suggestion-view';

/** The triage suggestion for a received form, from what the customer said and asked for. */
export async function FormSuggestion({ user, form }: { user: StaffUser; form: { description: string; customerRequest: string | null; channel: string; siteId: string } }) {
  const [suggestion, locale, format] = await Promise.all([
    suggestTriage(user, { text: form.description, request: form.customerRequest, channel: form.channel, siteId: form.siteId }),
    getLocale(),
    getFormat(),
  ]);
  if (!suggestion) return null;
  return <SuggestionView suggestion={suggestion} locale={locale} formatList={format.list} />;
}
