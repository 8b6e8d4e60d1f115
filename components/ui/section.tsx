import type { ReactNode } from 'react';
import { InfoIcon, WarningIcon } from './icons';

/** A page's title and the paragraph that says what it is for. */
export function PageHeader({ title, intro, children }: { title: ReactNode; intro?: ReactNode; children?: ReactNode }) {
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">{title}</h1>
      {intro && <p className={`${children ? 'mb-2' : 'mb-4'} max-w-3xl text-slate-700`}>{intro}</p>}
      {children}
    </>
  );
}

/**
 * A note that explains when a setting takes effect (blue, with the info icon), or, as a warning,
 * something that will go wrong unless someone acts (amber, with the warning icon).
 */
export function InfoNote({ children, testId, tone = 'info' }: { children: ReactNode; testId?: string; tone?: 'info' | 'warning' }) {
  const colours = tone === 'warning' ? 'border-amber-300 bg-amber-50 text-amber-950' : 'border-blue-200 bg-blue-50 text-blue-900';
  return (
    <p className={`mb-4 max-w-3xl rounded border px-3 py-2 text-sm ${colours}`} data-testid={testId} role={tone === 'warning' ? 'note' : undefined}>
      {tone === 'warning' ? <WarningIcon /> : <InfoIcon />}{' '}
      {children}
    </p>
  );
}

interface SectionProps {
  /** The heading's id: the section is labelled by it. */
  id: string;
  title: ReactNode;
  /** How many rows the list below holds, shown after the title. */
  count?: number;
  /** A sentence under the title. */
  hint?: ReactNode;
  /** A white bordered card (a form); otherwise the section stands on the page (a list). */
  card?: boolean;
  /** Space below: 'page' between a page's sections, 'none' for the last one. */
  spacing?: 'page' | 'tight' | 'none';
  className?: string;
  children: ReactNode;
}

const spacings = { page: 'mb-8', tight: 'mb-6', none: '' } as const;

/** A titled part of a page. */
export function Section({ id, title, count, hint, card, spacing = 'page', className = '', children }: SectionProps) {
  const classes = [spacings[spacing], card ? 'rounded border border-slate-200 bg-white p-4' : '', className].filter(Boolean).join(' ');
  return (
    <section aria-labelledby={id} className={classes || undefined}>
      <h2 id={id} className={`${hint ? 'mb-1' : 'mb-3'} text-lg font-medium`}>
        {title}
        {count !== undefined && <> <span className="text-sm text-slate-600">({count})</span></>}
      </h2>
      {hint && <p className="mb-3 max-w-3xl text-sm text-slate-700">{hint}</p>}
      {children}
    </section>
  );
}
