import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { auditActions, auditActors, auditFilterSchema, auditGroups, auditReaderRoles, decodeAuditCursor, listAudit } from '@/lib/admin/audit';
import { requireStaff } from '@/lib/auth/session';
import { getFormat } from '@/lib/i18n/get-format';
import { first } from '@/lib/params';
import { AdminNav } from '../_components/admin-nav';
import { AuditEntry } from './audit-entry';

type Params = Promise<Record<string, string | string[] | undefined>>;

/** The admin audit log (admins and management): filtered by act, person and days, newest first. */
export default async function AuditPage({ searchParams }: { searchParams: Params }) {
  const user = await requireStaff(auditReaderRoles);
  const params = await searchParams;
  const raw = { action: first(params.action) || undefined, actorId: first(params.actor) || undefined, from: first(params.from) || undefined, to: first(params.to) || undefined };
  const filter = auditFilterSchema.safeParse(raw);
  const cursor = first(params.cursor);
  // A tampered link is a 404, like every list of the portal (never a database error).
  if (!filter.success || (cursor && !decodeAuditCursor(cursor))) notFound();
  const [page, actors] = await Promise.all([listAudit(user, { ...filter.data, cursor, limit: 50 }), auditActors(user)]);
  const t = await getTranslations('audit');
  const format = await getFormat();
  const query = (extra: Record<string, string | undefined>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ action: raw.action, actor: raw.actorId, from: raw.from, to: raw.to, ...extra })) if (v) q.set(k, v);
    const s = q.toString();
    return s ? `/admin/audit?${s}` : '/admin/audit';
  };
  const filtered = Object.values(raw).some(Boolean);
  const field = 'mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5 sm:w-auto';

  return (
    <>
      {user.role === 'admin' && <AdminNav current="audit" />}
      <h1 className="mb-2 text-2xl font-semibold">{t('title')}</h1>
      <p className="mb-4 max-w-3xl text-slate-700">{t('intro')}</p>

      <form method="get" action="/admin/audit" aria-label={t('filter')} className="mb-4 grid gap-3 rounded border border-slate-200 bg-white p-3 sm:flex sm:flex-wrap sm:items-end">
        <div>
          <label htmlFor="audit-action" className="block text-sm font-medium">{t('action')}</label>
          <select id="audit-action" name="action" defaultValue={raw.action ?? ''} className={field}>
            <option value="">{t('allActions')}</option>
            {auditGroups.map((g) => (
              <optgroup key={g} label={t(`groups.${g}`)}>
                <option value={g}>{t('groups.' + g)} · {t('allActions')}</option>
                {auditActions
                  .filter((a) => a.startsWith(`${g}.`))
                  .map((a) => (
                    <option key={a} value={a}>{t(`actions.${a}`)}</option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-actor" className="block text-sm font-medium">{t('actor')}</label>
          <select id="audit-actor" name="actor" defaultValue={raw.actorId ?? ''} className={field}>
            <option value="">{t('everyone')}</option>
            {actors.map((a) => (
              <option key={a.id} value={a.id}>{a.name} ({a.login})</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-from" className="block text-sm font-medium">{t('from')}</label>
          <input id="audit-from" type="date" name="from" defaultValue={raw.from ?? ''} className={field} />
        </div>
        <div>
          <label htmlFor="audit-to" className="block text-sm font-medium">{t('to')}</label>
          <input id="audit-to" type="date" name="to" defaultValue={raw.to ?? ''} className={field} />
        </div>
        <div className="flex items-center gap-3">
          <button type="submit" className="rounded bg-blue-700 px-4 py-1.5 font-medium text-white hover:bg-blue-800">{t('apply')}</button>
          {filtered && <Link href="/admin/audit" className="text-sm text-blue-700 underline">{t('reset')}</Link>}
        </div>
      </form>

      {page.rows.length === 0 ? (
        <p className="text-slate-600">{t('empty')}</p>
      ) : (
        <ol className="space-y-3" data-testid="audit-log">
          {page.rows.map((row) => (
            <AuditEntry key={row.id} row={row} t={t} format={format} />
          ))}
        </ol>
      )}
      <nav aria-label={t('pagination')} className="mt-4 flex gap-4 text-sm">
        {cursor && <Link href={query({})} className="text-blue-700 underline">{t('first')}</Link>}
        {page.next && <Link href={query({ cursor: page.next })} className="text-blue-700 underline">{t('next')}</Link>}
      </nav>
    </>
  );
}
