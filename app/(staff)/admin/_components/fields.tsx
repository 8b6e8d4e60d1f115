'use client';

import { useState, useTransition } from 'react';
import { useTranslations } from 'next-intl';
import type { FieldError, FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import type { z } from 'zod';
import { localizedResolver } from '@/lib/validation/resolver';
import { adminLabelNamespaces, type RootTranslator } from '@/lib/validation/messages';
import type { ActionState } from '@/lib/auth/action';
import { WarningIcon } from '@/components/ui/icons';

export const inputClass = 'mt-1 w-full rounded border border-slate-300 px-2 py-1.5 bg-white';
export const buttonClass =
  'rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 disabled:opacity-60';
export const secondaryButtonClass =
  'rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-700 disabled:opacity-60';

export function errorAt(errors: FieldErrors, path: string): FieldError | undefined {
  let node: unknown = errors;
  for (const key of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[key];
  return node && typeof node === 'object' && 'type' in node ? (node as FieldError) : undefined;
}

/**
 * The text of a field error: the resolver (useAdminResolver) and the server both word it already,
 * in the reader's language and naming the field.
 */
export function useErrorText() {
  return (_name: string, err: FieldError | undefined): string | undefined => err?.message;
}

/** The admin forms' resolver: the shared zod schema, errors worded with the admin screens' field names. */
export function useAdminResolver<V extends FieldValues, O = V>(schema: z.ZodType, prepare?: (values: V) => unknown): Resolver<V, unknown, O> {
  const t = useTranslations() as unknown as RootTranslator;
  return localizedResolver<V, O>(schema, t, { labels: adminLabelNamespaces, prepare });
}

/** id, aria-invalid and aria-describedby (the error and the hint) of one input. */
export function a11y(id: string, error?: string, hint?: boolean) {
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ');
  return { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy || undefined };
}

/** A labelled field with its hint and its error right below it. */
export function Field({
  id,
  label,
  error,
  hint,
  children,
  className,
}: {
  id: string;
  label: React.ReactNode;
  error?: string;
  hint?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          <WarningIcon />{' '}
          {error}
        </p>
      )}
    </div>
  );
}

/** The outcome of a submit, announced to screen readers; success and failure differ in words and icon, not only colour. */
export function FormMessage({ message }: { message: { ok: boolean; text: string } | null }) {
  return (
    <div aria-live="polite" role="status">
      {message && (
        <p className={`rounded px-3 py-2 text-sm ${message.ok ? 'bg-green-50 text-green-800' : 'bg-red-50 text-red-800'}`}>
          {message.ok ? <span aria-hidden="true">✓ </span> : <><WarningIcon />{' '}</>}
          {message.text}
        </p>
      )}
    </div>
  );
}

export type FormMessageState = { ok: boolean; text: string } | null;

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
