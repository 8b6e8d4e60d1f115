import { getLocale } from 'next-intl/server';
import { firstLineLength } from '@/lib/complaints/list-columns';
import type { AboutFields } from '@/lib/complaints/list-columns';

/**
 * What a complaint is about, in a list row: its category, then the first line of the
 * customer's words (cut with an ellipsis), so that nobody has to open a form to know it.
 */
export async function ComplaintAbout({ row }: { row: AboutFields }) {
  const en = (await getLocale()) === 'en';
  const category = en ? row.categoryNameEn : row.categoryName;
  const cut = row.firstLine.length > firstLineLength;
  return (
    <span className="block min-w-0" data-testid="complaint-about">
      {category && <span className="mr-1 inline-block rounded bg-slate-100 px-1 text-xs text-slate-800">{category}</span>}
      <span className="break-words">{cut ? `${row.firstLine.slice(0, firstLineLength)}…` : row.firstLine}</span>
    </span>
  );
}
