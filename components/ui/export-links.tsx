import { getTranslations } from 'next-intl/server';
import { secondaryButtonClass } from './button';

/**
 * "Export to Excel" and "Export CSV" for a list: `href` is the list's export route with the
 * page's current filters (/export/search?q=…); every row of the list, not just the page.
 */
export async function ExportLinks({ href, className = '' }: { href: string; className?: string }) {
  const t = await getTranslations('export');
  const withFormat = (format: string) => `${href}${href.includes('?') ? '&' : '?'}format=${format}`;
  return (
    <div role="group" aria-label={t('label')} className={`flex flex-wrap items-center gap-2 ${className}`} data-testid="export-links">
      <a href={withFormat('xlsx')} download className={secondaryButtonClass} title={t('hint')}>{t('xlsx')}</a>
      <a href={withFormat('csv')} download className={secondaryButtonClass} title={t('hint')}>{t('csv')}</a>
    </div>
  );
}
