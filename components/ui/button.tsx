import type { ComponentProps, ReactNode } from 'react';

const focus = 'focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-700';

/** The main action of a form. */
export const buttonClass = `rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 ${focus} focus-visible:outline-offset-2 disabled:opacity-60`;
/** A side action: a row's button, a filter's reset. */
export const secondaryButtonClass = `rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100 ${focus} disabled:opacity-60`;
/** An action that takes something away (deactivate, end every session). */
export const dangerButtonClass = 'rounded border border-red-300 bg-white px-4 py-2 font-medium text-red-800 hover:bg-red-50 disabled:opacity-60';
/** The submit of a filter bar (a GET form): as the main button, a little lower. */
export const filterButtonClass = 'rounded bg-blue-700 px-4 py-1.5 font-medium text-white hover:bg-blue-800';

const looks = { primary: buttonClass, secondary: secondaryButtonClass, danger: dangerButtonClass } as const;

/** A form's submit button: disabled and saying so while the action runs. */
export function SubmitButton({
  pending,
  pendingLabel,
  look = 'primary',
  children,
  ...rest
}: Omit<ComponentProps<'button'>, 'type' | 'className'> & { pending: boolean; pendingLabel: ReactNode; look?: keyof typeof looks }) {
  return (
    <button type="submit" disabled={pending} className={looks[look]} {...rest}>
      {pending ? pendingLabel : children}
    </button>
  );
}
