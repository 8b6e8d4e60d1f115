'use client';

import { useWatch, type Control, type FieldValues } from 'react-hook-form';
import { useTranslations } from 'next-intl';

/**
 * "120 / 4000" under a long text field, so the limit is seen while typing (the field's maxLength
 * refuses more) rather than after submitting. Polite to screen readers: read when focused via
 * aria-describedby, not announced on every keystroke.
 */
export function CharCounter<V extends FieldValues>({ id, name, max, control }: { id: string; name: string; max: number; control: Control<V> }) {
  const t = useTranslations('validation');
  const value = useWatch({ control, name: name as never }) as unknown;
  const count = typeof value === 'string' ? value.length : 0;
  return (
    <p id={id} data-testid="char-counter" className={`mt-1 text-right text-xs ${count >= max ? 'font-medium text-red-800' : 'text-slate-600'}`}>
      {t('counter', { count, max })}
    </p>
  );
}
