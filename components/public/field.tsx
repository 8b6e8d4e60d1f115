import type { ReactNode } from 'react';
import { WarningIcon } from '@/components/ui/icons';

export const inputClass =
  'mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700 aria-[invalid=true]:border-2';

/** ids of a field's hint and error, for aria-describedby. */
export function describedBy(id: string, hint?: boolean): string {
  return hint ? `${id}-hint ${id}-error` : `${id}-error`;
}

/**
 * A labelled field with its hint and its error next to it; the error region is always in the
 * page (aria-live) so screen readers announce it when it appears.
 */
export function Field(props: { id: string; label: string; optional?: string; hint?: string; error?: string; children: ReactNode }) {
  const { id, label, optional, hint, error, children } = props;
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
        {optional && <span className="ml-1 text-sm font-normal text-slate-600">({optional})</span>}
      </label>
      {hint && <p id={`${id}-hint`} className="text-sm text-slate-600">{hint}</p>}
      {children}
      <p id={`${id}-error`} aria-live="polite" className="mt-1 text-sm font-medium text-red-800">
        {error && <span><WarningIcon /> {error}</span>}
      </p>
    </div>
  );
}
