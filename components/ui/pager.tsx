import Link from '@/components/ui/link';

/** A list's paging by cursor: back to the first page, and on to the next one (each when there is one). */
export function Pager({ label, first, next }: { label: string; first?: { href: string; text: string } | null; next?: { href: string; text: string } | null }) {
  return (
    <nav aria-label={label} className="mt-4 flex gap-4 text-sm">
      {first && <Link href={first.href} className="text-blue-700 underline">{first.text}</Link>}
      {next && <Link href={next.href} className="text-blue-700 underline">{next.text}</Link>}
    </nav>
  );
}
