import { WarningIcon } from './icons';

export type FormMessageState = { ok: boolean; text: string } | null;

/** The outcome of a submit, announced to screen readers; success and failure differ in words and icon, not only colour. */
export function FormMessage({ message }: { message: FormMessageState }) {
  return (
    <div aria-live="polite" role="status">
      {message && (
        <p className={`rounded px-3 py-2 text-sm ${message.ok ? 'bg-green-50 text-green-800' : 'bg-red-50 text-red-800'}`}>
          {message.ok ? <span aria-hidden="true">✓ </span> : <><WarningIcon />{' '}</>}
          {message.text}
        </p>
      )}
    </div>
  );
}
