import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { auditActions, auditActors, auditFilterSchema, auditGroups, auditReaderRoles, decodeAuditCursor, listAudit } from '@/lib/admin/audit';
import { requireStaff } from '@/lib/auth/session';
import { getFormat } from '@/lib/i18n/get-format';
import { first } from '@/lib/params';
import { AdminScreen } from '../_components/admin-nav';
import { AuditEntry } from './audit-entry';
import { filterButtonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Field } from '@/components/ui/field';
import { Pager } from '@/components/ui/pager';
import { Select } from '@/components/ui/select';

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
    <AdminScreen current="audit" nav={user.role === 'admin'} title={t('title')} intro={t('intro')}>
      <form method="get" action="/admin/audit" aria-label={t('filter')} className="mb-4 grid gap-3 rounded border border-slate-200 bg-white p-3 sm:flex sm:flex-wrap sm:items-end">
        <Field id="audit-action" label={t('action')}>
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
        </Field>
        <Field id="audit-actor" label={t('actor')}>
          <Select id="audit-actor" name="actor" defaultValue={raw.actorId ?? ''} className={field} blank={t('everyone')} choices={actors.map((a) => ({ value: a.id, label: `${a.name} (${a.login})` }))} />
        </Field>
        {(['from', 'to'] as const).map((k) => (
          <Field key={k} id={`audit-${k}`} label={t(k)}>
            <input id={`audit-${k}`} type="date" name={k} defaultValue={raw[k] ?? ''} className={field} />
          </Field>
        ))}
        <div className="flex items-center gap-3">
          <button type="submit" className={filterButtonClass}>{t('apply')}</button>
          {filtered && <Link href="/admin/audit" className="text-sm text-blue-700 underline">{t('reset')}</Link>}
        </div>
      </form>

      {page.rows.length === 0 ? (
        <EmptyState>{t('empty')}</EmptyState>
      ) : (
        <ol className="space-y-3" data-testid="audit-log">
          {page.rows.map((row) => (
            <AuditEntry key={row.id} row={row} t={t} format={format} />
          ))}
        </ol>
      )}
      <Pager label={t('pagination')} first={cursor ? { href: query({}), text: t('first') } : null} next={page.next ? { href: query({ cursor: page.next }), text: t('next') } : null} />
    </AdminScreen>
  );
}
