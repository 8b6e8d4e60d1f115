import type { ReactNode } from 'react';
import type { FieldError, FieldErrors } from 'react-hook-form';
import { WarningIcon } from './icons';

/** The staff screens' inputs and selects. */
export const inputClass = 'mt-1 w-full rounded border border-slate-300 px-2 py-1.5 bg-white';
/** The customer pages' inputs: larger (phones), with a thicker red border on error. */
export const publicInputClass =
  'mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700 aria-[invalid=true]:border-2';

/** The react-hook-form error at a dotted path ('a.b'), if any. */
export function errorAt(errors: FieldErrors, path: string): FieldError | undefined {
  let node: unknown = errors;
  for (const key of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[key];
  return node && typeof node === 'object' && 'type' in node ? (node as FieldError) : undefined;
}

/** id, aria-invalid and aria-describedby (the error and the hint) of one staff-screen input. */
export function a11y(id: string, error?: string, hint?: boolean) {
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ');
  return { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy || undefined };
}

/** aria-describedby of a customer-page input: its hint and its (always present) error region. */
export function describedBy(id: string, hint?: boolean): string {
  return hint ? `${id}-hint ${id}-error` : `${id}-error`;
}

interface FieldProps {
  id: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  /** The word for "optional", shown after the label. */
  optional?: string;
  className?: string;
  /**
   * 'staff' (default): compact, hint and error below the input, the error only when there is one.
   * 'public': the customer pages' larger label, hint above the input and an error region that is
   * always in the page (aria-live), so screen readers announce an error when it appears.
   */
  variant?: 'staff' | 'public';
  children: ReactNode;
}

/** A labelled input (or select, textarea) with its hint and its error next to it. */
export function Field({ id, label, error, hint, optional, className, variant = 'staff', children }: FieldProps) {
  const hintText = hint ? (
    <p id={`${id}-hint`} className={variant === 'public' ? 'text-sm text-slate-600' : 'mt-1 text-xs text-slate-600'}>
      {hint}
    </p>
  ) : null;
  return (
    <div className={className}>
      <label htmlFor={id} className={variant === 'public' ? 'block font-medium' : 'block text-sm font-medium'}>
        {label}
        {optional && <span className="ml-1 text-sm font-normal text-slate-600">({optional})</span>}
      </label>
      {variant === 'public' && hintText}
      {children}
      {variant === 'staff' && hintText}
      {variant === 'public' ? (
        <p id={`${id}-error`} aria-live="polite" className="mt-1 text-sm font-medium text-red-800">
          {error && <span><WarningIcon /> {error}</span>}
        </p>
      ) : (
        error && (
          <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
            <WarningIcon />{' '}
            {error}
          </p>
        )
      )}
    </div>
  );
}
