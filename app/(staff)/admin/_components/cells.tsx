import Link from '@/components/ui/link';
import type { ReactNode } from 'react';
import { Cell } from '@/components/ui/table';

/** Active or not, in words and a mark (never colour alone). */
export function ActiveMark({ active, on, off }: { active: boolean; on: string; off: string }) {
  return active ? (
    <span className="text-green-800"><span aria-hidden="true">● </span>{on}</span>
  ) : (
    <span className="text-slate-600"><span aria-hidden="true">○ </span>{off}</span>
  );
}

/** The last cell of a list row: a link to the record's edit page, named after the record. */
export function EditCell({ href, label, children }: { href: string; label: string; children: ReactNode }) {
  return (
    <Cell className="text-right">
      <Link href={href} aria-label={label} className="text-blue-700 underline">{children}</Link>
    </Cell>
  );
}

/** A name in the reader's language, the other language's below it, smaller (then any remark). */
export function TwoNamesCell({ shown, other, children }: { shown: string; other: string; children?: ReactNode }) {
  return (
    <Cell>
      {shown}
      <span className="block text-xs text-slate-600">{other}</span>
      {children}
    </Cell>
  );
}
