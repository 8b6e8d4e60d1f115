import type { ComponentProps, ReactNode } from 'react';
import { inputClass } from './field';

export interface Choice {
  value: string;
  label: ReactNode;
}

/**
 * A select of the staff screens: an optional first "none / all" option (empty value) and the
 * choices. Spread react-hook-form's `register()` or `name`/`defaultValue` onto it like a <select>.
 */
export function Select({ choices, blank, className = inputClass, ...rest }: ComponentProps<'select'> & { choices: readonly Choice[]; blank?: ReactNode }) {
  return (
    <select className={className} {...rest}>
      {blank !== undefined && <option value="">{blank}</option>}
      {choices.map((c) => (
        <option key={c.value} value={c.value}>{c.label}</option>
      ))}
    </select>
  );
}
