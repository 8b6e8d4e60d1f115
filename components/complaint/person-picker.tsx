'use client';

import { useController, type Control } from 'react-hook-form';
import { useLocale, useTranslations } from 'next-intl';
import type { DirectoryPerson } from '@/lib/complaints/staff-directory';

interface Props {
  /** The id of the select; the outsider's name input is `${id}-name`. */
  id: string;
  label: React.ReactNode;
  control: Control<Record<string, unknown>>;
  /** The input that holds a directory person's id … */
  userIdName: string;
  /** … and the one that holds 'none' or the name of someone outside the directory. */
  personName: string;
  staff: readonly DirectoryPerson[];
  /** Offer "nobody" as a choice of its own (the determination's responsible person). */
  allowNone?: boolean;
  error?: string;
  /** The outsider's name limit, from the schema. */
  maxLength?: number;
}

const inputClass = 'mt-1 block w-full min-w-0 rounded border border-slate-300 px-2 py-1.5';

/**
 * Picks a person from the site's staff directory (grouped by department); "nobody" and "someone
 * outside the directory" are explicit choices, and only the latter asks for a typed name.
 */
export function PersonPicker({ id, label, control, userIdName, personName, staff, allowNone = false, error, maxLength }: Props) {
  const t = useTranslations('form.people');
  const locale = useLocale();
  const userId = useController({ name: userIdName, control });
  const person = useController({ name: personName, control });
  // The choice follows from the two inputs: an id, "none", a (possibly still blank) name, or nothing.
  const choice =
    typeof userId.field.value === 'string' && userId.field.value
      ? `user:${userId.field.value}`
      : person.field.value === 'none' && allowNone
        ? 'none'
        : typeof person.field.value === 'string'
          ? 'outside'
          : '';
  const choose = (value: string) => {
    userId.field.onChange(value.startsWith('user:') ? value.slice(5) : undefined);
    person.field.onChange(value === 'none' ? 'none' : value === 'outside' ? '' : undefined);
  };
  const groups = new Map<string, DirectoryPerson[]>();
  for (const p of staff) {
    const dept = (locale === 'en' ? p.departmentNameEn : p.departmentName) ?? t('noDepartment');
    groups.set(dept, [...(groups.get(dept) ?? []), p]);
  }
  const errorId = `${id}-error`;
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="block text-sm">{label}</label>
      <select id={id} value={choice} onChange={(e) => choose(e.target.value)} onBlur={userId.field.onBlur}
        aria-invalid={!!error} aria-describedby={error ? errorId : undefined} className={inputClass}>
        <option value="">{t('choose')}</option>
        {[...groups].map(([dept, people]) => (
          <optgroup key={dept} label={dept}>
            {people.map((p) => <option key={p.id} value={`user:${p.id}`}>{p.name}</option>)}
          </optgroup>
        ))}
        {allowNone && <option value="none">{t('none')}</option>}
        <option value="outside">{t('outside')}</option>
      </select>
      {choice === 'outside' && (
        <>
          <label htmlFor={`${id}-name`} className="mt-2 block text-sm">{t('outsideName')}</label>
          <input id={`${id}-name`} maxLength={maxLength} ref={person.field.ref} name={person.field.name} value={String(person.field.value ?? '')}
            onChange={(e) => person.field.onChange(e.target.value)} onBlur={person.field.onBlur}
            aria-invalid={!!error} aria-describedby={error ? errorId : undefined} className={inputClass} autoComplete="off" />
        </>
      )}
      {error && <p id={errorId} className="mt-1 text-sm text-red-700">{error}</p>}
    </div>
  );
}
