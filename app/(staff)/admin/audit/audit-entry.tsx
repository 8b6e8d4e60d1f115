import { getTranslations } from 'next-intl/server';
import { auditChanges, type AuditRow } from '@/lib/admin/audit';
import type { Format } from '@/lib/i18n/format';

type T = Awaited<ReturnType<typeof getTranslations<'audit'>>>;
type Any = Awaited<ReturnType<typeof getTranslations>>;

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const slaKey = /^(step|response|resolution)\./;

/** One recorded act: when, who, what, and field by field what it was before and after. */
export async function AuditEntry({ row, t, format }: { row: AuditRow; t: T; format: Format }) {
  const root = (await getTranslations()) as Any;
  const label = t.has(`actions.${row.action}` as never) ? t(`actions.${row.action}` as never) : t('unknownAction', { code: row.action });

  const fieldLabel = (field: string): string => {
    if (field === '') return t('fields.value');
    if (slaKey.test(field) && root.has(`admin.sla.keys.${field}`)) return root(`admin.sla.keys.${field}`);
    if (field === 'pendingContactDay') return root('admin.sla.pendingContactDay');
    return t.has(`fields.${field}` as never) ? t(`fields.${field}` as never) : field;
  };
  // Codes in the readers' words (roles, severities, kinds, statuses); everything else as text.
  const valueText = (field: string, v: unknown): string => {
    if (v === undefined || v === null || v === '') return '—';
    if (typeof v === 'boolean') return root(v ? 'admin.common.yes' : 'admin.common.no');
    if (typeof v === 'string') {
      const lookup = {
        role: `common.roles.${v}`,
        defaultSeverity: `workflow.severities.${v}`,
        kind: `admin.calendar.kinds.${v}`,
        status: `admin.outbox.statuses.${v}`,
        scope: `audit.values.scope.${v}`,
      }[field];
      if (lookup && root.has(lookup)) return root(lookup);
      if (field === 'day' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return format.day(v);
      if (isoInstant.test(v) && !Number.isNaN(Date.parse(v))) return format.dateTime(new Date(v));
      return v;
    }
    if (typeof v === 'object' && 'amount' in v && 'unit' in v) {
      const { amount, unit } = v as { amount: unknown; unit: unknown };
      return `${amount} ${root.has(`admin.sla.units.${unit}`) ? root(`admin.sla.units.${unit}`) : unit}`;
    }
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  };
  const changes = auditChanges(row.before, row.after);

  return (
    <li className="rounded border border-slate-200 bg-white p-3 text-sm" data-testid="audit-entry" data-action={row.action}>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <span className="font-medium">{label}</span>
        {row.targetLabel && <span className="font-mono break-all text-slate-800" data-testid="audit-target">{row.targetLabel}</span>}
      </div>
      <p className="mt-1 text-slate-600">
        <time dateTime={row.at.toISOString()}>{format.dateTimeSeconds(row.at)}</time>
        {' · '}
        {format.labelled(t('by'), row.actorName ? `${row.actorName} (${row.actorLogin})` : t('system'))}
        {row.siteName && <>{' · '}{format.labelled(t('site'), row.siteName)}</>}
      </p>
      {changes.length > 0 ? (
        <ul className="mt-2 space-y-0.5 break-words" aria-label={t('changes')}>
          {changes.map((c) => (
            <li key={c.field}>
              {t('change', { field: fieldLabel(c.field), before: valueText(c.field, c.before), after: valueText(c.field, c.after) })}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-slate-500">{t('noDetails')}</p>
      )}
    </li>
  );
}
