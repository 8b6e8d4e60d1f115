'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useForm, type DefaultValues, type FieldValues, type Path, type Resolver } from 'react-hook-form';
import type { z } from 'zod';
import { localizedResolver } from '@/lib/validation/resolver';
import { adminLabelNamespaces, type RootTranslator } from '@/lib/validation/messages';
import type { ActionState } from '@/lib/auth/action';
import { errorAt } from '@/components/ui/field';
import { FormMessage, type FormMessageState } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/button';

/** The admin forms' resolver: the shared zod schema, errors worded with the admin screens' field names. */
export function useAdminResolver<V extends FieldValues, O = V>(schema: z.ZodType, prepare?: (values: V) => unknown): Resolver<V, unknown, O> {
  const t = useTranslations() as unknown as RootTranslator;
  return localizedResolver<V, O>(schema, t, { labels: adminLabelNamespaces, prepare });
}

/**
 * The submit cycle every admin form shares: pending while the action runs, then either the
 * success text (from `onOk`) or the server's refusal — its message, and its field errors next
 * to their fields.
 */
export function useActionSubmit(setError: (name: never, error: { type: string; message: string }) => void) {
  const c = useTranslations('admin.common');
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<FormMessageState>(null);
  function run<R>(call: () => Promise<ActionState<R>>, onOk: (data: R | undefined) => string) {
    setMessage(null);
    startTransition(async () => {
      const result = await call();
      if (result.ok) {
        setMessage({ ok: true, text: onOk(result.data) });
        return;
      }
      for (const [path, messages] of Object.entries(result.fieldErrors ?? {})) {
        if (path !== '_') setError(path as never, { type: 'server', message: messages[0] });
      }
      setMessage({ ok: false, text: result.message ?? c('failed') });
    });
  }
  return { pending, message, run };
}

/**
 * An admin form: react-hook-form with the given resolver, each field's error text (the resolver
 * and the server both word it already, in the reader's language), and `onSubmit(action, onOk)`.
 */
export function useAdminForm<In extends FieldValues, Out = In>(resolver: Resolver<In, unknown, Out>, defaultValues: DefaultValues<In>) {
  const form = useForm<In, unknown, Out>({ resolver, defaultValues });
  const { pending, message, run } = useActionSubmit(form.setError as never);
  const router = useRouter();
  const err = (name: Path<In>) => errorAt(form.formState.errors, name)?.message;
  const onSubmit = <R,>(action: (values: Out) => Promise<ActionState<R>>, onOk: (data: R | undefined, values: Out) => string) =>
    form.handleSubmit((values) => run(() => action(values), (data) => onOk(data, values)));
  /**
   * An edit's submit: the page refreshed, `saved` said. `keep`: the saved values become the form's
   * starting values (a settings form, which stays on the page as it was saved).
   */
  const onSave = <R,>(action: (values: Out) => Promise<ActionState<R>>, saved: string, keep?: 'keep') =>
    onSubmit(action, (_data, values) => {
      if (keep) form.reset(values as never);
      router.refresh();
      return saved;
    });
  /** A create form's submit: emptied again for the next one, the page refreshed, `said(result)` said. */
  const onCreate = <R,>(action: (values: Out) => Promise<ActionState<R>>, said: (data: R) => string) =>
    onSubmit(action, (data) => {
      form.reset();
      router.refresh();
      return said(data!);
    });
  return { form, register: form.register, err, pending, message, onSubmit, onSave, onCreate, router };
}

/** The end of an admin form: the outcome, then the submit button (default label: Save). */
export function FormEnd({ pending, message, label, look }: { pending: boolean; message: FormMessageState; label?: string; look?: 'primary' | 'secondary' }) {
  const c = useTranslations('admin.common');
  return (
    <>
      <FormMessage message={message} />
      <SubmitButton pending={pending} pendingLabel={c('saving')} look={look}>{label ?? c('save')}</SubmitButton>
    </>
  );
}
