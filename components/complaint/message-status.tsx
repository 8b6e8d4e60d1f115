import type { ReactNode } from 'react';
import { WarningIcon } from '@/components/ui/icons';

const statusStyle: Record<string, string> = {
  queued: 'bg-slate-100 text-slate-800',
  sending: 'bg-blue-100 text-blue-900',
  sent: 'bg-green-100 text-green-900',
  unsent: 'bg-amber-100 text-amber-950',
  failed: 'bg-red-100 text-red-900',
};
// A mark as well as a colour: ✓ only for a message a provider accepted.
const statusIcon: Record<string, ReactNode> = { queued: '… ', sending: '↻ ', sent: '✓ ', unsent: <><WarningIcon />{' '}</>, failed: <><WarningIcon />{' '}</> };

/** An outbox message's state (lib/notify/deliver.ts), as the admin outbox and the form page show it. */
export function MessageStatus({ status, label }: { status: string; label: string }) {
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${statusStyle[status] ?? ''}`} data-status={status}>
      <span aria-hidden="true">{statusIcon[status] ?? ''}</span>
      {label}
    </span>
  );
}
