'use client';

import { useState, useTransition, type ReactNode } from 'react';
import { useRouter } from 'next/navigation';
import type { ActionState } from '@/lib/auth/action';
import { secondaryButtonClass } from './button';

interface ActionButtonProps {
  /** The server action, already given its input. */
  action: () => Promise<ActionState<unknown>>;
  children: ReactNode;
  /** What the button says while the action runs (default: its label). */
  pendingLabel?: ReactNode;
  'aria-label'?: string;
  /**
   * Given: a status line beside the button says the outcome, this text or the refusal.
   * Absent: only a refusal is said, as an alert.
   */
  okText?: string;
  /** The refusal's words when the server gave none. */
  failedText?: string;
  /** Refresh the page after a refusal too (the list may have changed under the reader). */
  refreshAlways?: boolean;
  /** The wrapper's classes (its place in a cell). */
  className?: string;
  buttonClassName?: string;
}

/** One button that runs one server action on a row (retry, lift, mark read, remove, end). */
export function ActionButton({ action, children, pendingLabel, okText, failedText, refreshAlways, className, buttonClassName, ...aria }: ActionButtonProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const run = () =>
    startTransition(async () => {
      setMessage(null);
      const result = await action();
      setMessage(result.ok ? (okText ?? null) : (result.message ?? failedText ?? null));
      if (result.ok || refreshAlways) router.refresh();
    });
  return (
    <span className={className}>
      <button type="button" disabled={pending} aria-label={aria['aria-label']} className={buttonClassName ?? secondaryButtonClass} onClick={run}>
        {pending && pendingLabel ? pendingLabel : children}
      </button>
      {okText !== undefined ? (
        <span role="status" aria-live="polite" className="ml-2 text-xs">{message}</span>
      ) : (
        message && <span role="alert" className="ml-2 text-sm text-red-700">{message}</span>
      )}
    </span>
  );
}
