'use client';

import { useTranslations } from 'next-intl';
import { useFormat } from '@/lib/i18n/use-format';
import type { SubmitState } from './actions';
import { WarningIcon } from '@/components/ui/icons';

/** Which limit the submission reached and until when, in words the customer can act on. */
export function SubmitLimitMessage({ state }: { state: SubmitState }) {
  const t = useTranslations('public.submit.errors');
  const format = useFormat();
  const until = state.retryAt ? format.dateTime(new Date(state.retryAt)) : '';
  if (state.limit === 'phone') return <span data-testid="submit-limit"><WarningIcon /> {t('rateLimitedPhone', { until })}</span>;
  if (state.limit === 'bytes') return <span data-testid="submit-limit"><WarningIcon /> {t('rateLimitedBytes', { until })}</span>;
  return <span data-testid="submit-limit"><WarningIcon /> {t('rateLimited', { minutes: state.retryAfterMinutes ?? 60 })}</span>;
}
