'use client';

import { useEffect, useState } from 'react';
import { useWatch, type Control } from 'react-hook-form';
import { useLocale, useTranslations } from 'next-intl';
import { useFormat } from '@/lib/i18n/use-format';
import { suggestTriageAction } from '@/app/(staff)/desk/actions/suggest-triage';
import type { TriageSuggestion } from '@/lib/triage/suggest';
import { SuggestionView } from './suggestion-view';

/** Wait this long after the last key before asking: one request per pause, not per character. */
const pauseMs = 500;

/**
 * The intake form's triage suggestion, beside the choices while the desk types the customer's
 * words. It fills in nothing: the desk chooses the category and severity.
 */
export function IntakeSuggestion({ control }: { control: Control<Record<string, unknown>> }) {
  const [description, customerRequest, channel] = useWatch({ control, name: ['description', 'customerRequest', 'channel'] }) as [unknown, unknown, unknown];
  const [suggestion, setSuggestion] = useState<TriageSuggestion | null>(null);
  const [waiting, setWaiting] = useState(false);
  const t = useTranslations('triage');
  const locale = useLocale();
  const format = useFormat();
  const text = typeof description === 'string' ? description : '';
  const request = typeof customerRequest === 'string' ? customerRequest : '';
  useEffect(() => {
    let live = true;
    if (text.trim().length < 6) {
      setSuggestion(null);
      return;
    }
    setWaiting(true);
    const timer = setTimeout(async () => {
      // Advisory only: a request that fails (the desk submitted and the page moved on while it
      // was under way, the network dropped) shows no suggestion instead of an error.
      const result = await suggestTriageAction({ text, request, channel: typeof channel === 'string' ? channel : undefined }).catch(() => null);
      if (!live) return;
      setWaiting(false);
      setSuggestion(result?.ok ? (result.data ?? null) : null);
    }, pauseMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, request, channel]);
  return (
    <div className="mt-3" aria-live="polite">
      {suggestion ? <SuggestionView suggestion={suggestion} locale={locale} formatList={format.list} /> : waiting && <p className="text-sm text-slate-600">{t('waiting')}</p>}
    </div>
  );
}
