import { getTranslations } from 'next-intl/server';
import { getFormat } from '@/lib/i18n/get-format';
import type { StaffUser } from '@/lib/auth/session';
import { listPromises, promiseRoles } from '@/lib/promises/promises';
import { Cell, DataTable, Row } from '@/components/ui/table';
import { PromiseForm, ResolvePromiseForm } from './promise-forms';

interface Props {
  user: StaffUser;
  form: { id: string; version: number; lastCustomerUpdateAt: Date | null; receivedAt: Date };
  /** The form is closed or the viewer is an involved party: read only. */
  readOnly: boolean;
  now: Date;
}

/**
 * The form page's promises (issue 21): when the customer was last told anything, every promise
 * with its due time, owner and outcome, and — for staff who talk to customers — the forms to
 * record a promise and its outcome.
 */
export async function PromisesSection({ user, form, readOnly, now }: Props) {
  const [t, format, rows] = await Promise.all([getTranslations('promises.form'), getFormat(), listPromises(user, form.id)]);
  const mayAct = !readOnly && (promiseRoles as readonly string[]).includes(user.role);
  const dt = format.dateTime;
  return (
    <section aria-labelledby="promises-title" className="rounded border border-slate-200 bg-white p-4" data-testid="promises">
      <h2 id="promises-title" className="mb-2 text-lg font-medium">{t('title')}</h2>
      <p className="mb-3 text-sm" data-testid="customer-last-update">
        <span className="text-slate-600">{format.labelled(t('lastUpdate'), '')}</span>
        {form.lastCustomerUpdateAt ? dt(form.lastCustomerUpdateAt) : t('lastUpdateNever', { at: dt(form.receivedAt) })}
      </p>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">{t('none')}</p>
      ) : (
        <DataTable frame="bare" cards columns={[t('what'), t('due'), t('by'), t('state')]}>
          <tbody>
            {rows.map((p) => {
              const state = p.outcome ? t(p.outcome) : p.dueAt <= now ? t('overdue') : t('open');
              return (
                <Row key={p.id} data-testid="promise">
                  <Cell className="align-top">
                    {p.what}
                    <span className="block text-xs text-slate-600">{p.customerVisible ? t('visible') : t('internal')}</span>
                  </Cell>
                  <Cell className="align-top whitespace-nowrap" label={t('due')}>{dt(p.dueAt)}</Cell>
                  <Cell className="align-top" label={t('by')}>{p.madeBy}</Cell>
                  <Cell className="align-top" label={t('state')}>
                    <span className={p.outcome === 'broken' || (!p.outcome && p.dueAt <= now) ? 'font-medium text-red-800' : ''}>{state}</span>
                    {p.outcome && (
                      <span className="block text-xs text-slate-600">
                        {t('outcomeBy', { reason: p.outcomeReason ?? '', by: p.outcomeBy ?? '', at: p.outcomeAt ? dt(p.outcomeAt) : '' })}
                      </span>
                    )}
                    {!p.outcome && mayAct && <ResolvePromiseForm complaintId={form.id} promiseId={p.id} version={form.version} />}
                  </Cell>
                </Row>
              );
            })}
          </tbody>
        </DataTable>
      )}
      {mayAct && (
        <details className="no-print mt-3">
          <summary className="cursor-pointer font-medium">{t('add')}</summary>
          <p className="mt-2 text-sm text-slate-600">{t('addHint')}</p>
          <PromiseForm complaintId={form.id} version={form.version} />
        </details>
      )}
    </section>
  );
}
