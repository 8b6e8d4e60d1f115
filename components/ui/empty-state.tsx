import type { ReactNode } from 'react';

/** What a list says when it has nothing to show. */
export function EmptyState({ children, testId, className = '' }: { children: ReactNode; testId?: string; className?: string }) {
  return (
    <p className={`text-slate-600 ${className}`.trim()} data-testid={testId}>
      {children}
    </p>
  );
}
