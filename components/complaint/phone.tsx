import { displayPhone } from '@/lib/i18n/phone';

/** A customer's phone as a person reads and dials it: national format, a tel: link to the stored E.164. */
export function Phone({ value, className }: { value: string | null | undefined; className?: string }) {
  if (!value) return <>—</>;
  return (
    <a href={`tel:${value}`} className={`whitespace-nowrap text-blue-700 underline ${className ?? ''}`}>
      {displayPhone(value)}
    </a>
  );
}
