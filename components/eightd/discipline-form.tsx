'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { localizedResolver } from '@/lib/validation/resolver';
import { defaultLabelNamespaces, type RootTranslator } from '@/lib/validation/messages';
import { disciplineFields, saveDisciplineSchema, type Discipline } from '@/lib/eightd/schemas';
import { saveDisciplineAction } from '@/app/(staff)/eightd/actions';
import { useActionSubmit } from '@/app/(staff)/admin/_components/fields';
import { a11y, errorAt, Field, inputClass } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/button';

const labels = ['eightd.fields', ...defaultLabelNamespaces];
/** The short fields of a form (the five whys); the others are paragraphs. */
const oneLine = new Set(['why1', 'why2', 'why3', 'why4', 'why5']);
const optional = new Set(['why2', 'why3', 'why4', 'why5', 'preventionTraining', 'preventionSupplier']);

/** One discipline of an 8D report: its fields, prefilled with what the report holds; saving completes it. */
export function DisciplineForm({ reportId, discipline, values }: { reportId: string; discipline: Discipline; values: Record<string, string> }) {
  const t = useTranslations('eightd.form');
  const label = useTranslations('eightd.fields');
  const root = useTranslations() as unknown as RootTranslator;
  const router = useRouter();
  const fields = disciplineFields[discipline] as readonly string[];
  const defaults = { reportId, discipline, ...Object.fromEntries(fields.map((f) => [f, values[f] ?? ''])) };
  const form = useForm<Record<string, unknown>>({
    resolver: localizedResolver<Record<string, unknown>>(saveDisciplineSchema, root, { labels }),
    defaultValues: defaults,
  });
  const { pending, message, run } = useActionSubmit(form.setError as never);
  const err = (name: string) => errorAt(form.formState.errors, name)?.message;
  const onSubmit = form.handleSubmit((v) =>
    run(() => saveDisciplineAction(v), () => {
      router.refresh();
      return t('saved');
    }),
  );
  return (
    <form onSubmit={onSubmit} noValidate className="mt-3 space-y-3" data-testid={`discipline-form-${discipline}`}>
      {fields.map((f) => {
        const id = `eightd-${discipline}-${f}`;
        return (
          <Field key={f} id={id} label={label(f as never)} error={err(f)} optional={optional.has(f) ? t('optional') : undefined}>
            {oneLine.has(f) ? (
              <input {...a11y(id, err(f))} {...form.register(f)} maxLength={500} className={inputClass} />
            ) : (
              <textarea {...a11y(id, err(f))} {...form.register(f)} rows={4} maxLength={4000} className={inputClass} />
            )}
          </Field>
        );
      })}
      {discipline === 'd8' && <p className="text-sm text-slate-600">{t('closeHint')}</p>}
      <FormMessage message={message} />
      <SubmitButton pending={pending} pendingLabel={t('saving')}>{discipline === 'd8' ? t('close') : t('save')}</SubmitButton>
    </form>
  );
}
