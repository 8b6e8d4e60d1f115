import { getTranslations } from 'next-intl/server';
import { getFormat } from '@/lib/i18n/get-format';
import { requireStaff } from '@/lib/auth/session';
import { addressRule, loadSecurityOverview, loginRule, pairRule, trustMs, type FailureSummary } from '@/lib/auth/throttle';
import { listLockNotices } from '@/lib/auth/lock-notices';
import { AdminNav } from '../_components/admin-nav';
import { LiftLockButton } from './lift-button';

const cell = 'px-3 py-2';

export default async function SecurityPage() {
  await requireStaff(['admin']);
  const [overview, notices] = await Promise.all([loadSecurityOverview(), listLockNotices()]);
  const t = await getTranslations('admin.security');
  const format = await getFormat();
  const when = format.dateTimeSeconds;
  const login = loginRule();
  const summary = (id: string, title: string, rows: FailureSummary[], subject: string) => (
    <section aria-labelledby={id} className="mb-8">
      <h2 id={id} className="mb-2 text-lg font-medium">{title}</h2>
      {rows.length === 0 ? (
        <p className="text-slate-600">{t('noFailures')}</p>
      ) : (
        <div className="overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" data-testid={id}>
            <thead className="bg-slate-100 text-slate-700">
              <tr><th scope="col" className={cell}>{subject}</th><th scope="col" className={cell}>{t('failures')}</th><th scope="col" className={cell}>{t('lastAt')}</th></tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.subject} className="border-t border-slate-100"><td className={`${cell} font-mono`}>{r.subject}</td><td className={cell}>{r.failures}</td><td className={cell}>{when(r.lastAt)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );

  return (
    <>
      <AdminNav current="security" />
      <h1 className="mb-2 text-2xl font-semibold">{t('title')}</h1>
      <p className="mb-6 max-w-3xl text-slate-700">
        {t('intro', {
          pairFailures: pairRule().threshold,
          addressFailures: addressRule().threshold,
          loginFailures: login.threshold,
          trustDays: Math.round(trustMs() / 86_400_000),
          forgetHours: Math.round(login.forgetMs / 3_600_000),
        })}
      </p>

      <section aria-labelledby="security-locks" className="mb-8">
        <h2 id="security-locks" className="mb-2 text-lg font-medium">{t('locks')}</h2>
        {overview.locks.length === 0 ? (
          <p className="text-slate-600">{t('noLocks')}</p>
        ) : (
          <div className="overflow-x-auto rounded border border-slate-200 bg-white">
            <table className="w-full text-left text-sm" data-testid="security-locks">
              <thead className="bg-slate-100 text-slate-700">
                <tr>
                  <th scope="col" className={cell}>{t('scope')}</th>
                  <th scope="col" className={cell}>{t('subject')}</th>
                  <th scope="col" className={cell}>{t('failures')}</th>
                  <th scope="col" className={cell}>{t('until')}</th>
                  <th scope="col" className={cell}><span className="sr-only">{t('lift')}</span></th>
                </tr>
              </thead>
              <tbody>
                {overview.locks.map((l) => (
                  <tr key={l.key} className="border-t border-slate-100">
                    <td className={cell}>{t(`scopes.${l.scope}`)}</td>
                    <td className={`${cell} font-mono`}>{l.subject}</td>
                    <td className={cell}>{l.failures}</td>
                    <td className={cell}>{when(l.lockedUntil)}</td>
                    <td className={cell}><LiftLockButton lockKey={l.key} label={l.subject} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="security-notices" className="mb-8">
        <h2 id="security-notices" className="mb-2 text-lg font-medium">{t('notices')}</h2>
        {notices.length === 0 ? (
          <p className="text-slate-600">{t('noNotices')}</p>
        ) : (
          <div className="overflow-x-auto rounded border border-slate-200 bg-white">
            <table className="w-full text-left text-sm" data-testid="security-notices">
              <thead className="bg-slate-100 text-slate-700">
                <tr>
                  <th scope="col" className={cell}>{t('scope')}</th>
                  <th scope="col" className={cell}>{t('subject')}</th>
                  <th scope="col" className={cell}>{t('failures')}</th>
                  <th scope="col" className={cell}>{t('startedAt')}</th>
                  <th scope="col" className={cell}>{t('until')}</th>
                </tr>
              </thead>
              <tbody>
                {notices.map((n) => (
                  <tr key={`${n.key}|${n.startedAt.toISOString()}`} className="border-t border-slate-100">
                    <td className={cell}>{t(`scopes.${n.scope}`)}</td>
                    <td className={`${cell} font-mono`}>{n.subject}</td>
                    <td className={cell}>{n.failures}</td>
                    <td className={cell}>{when(n.startedAt)}</td>
                    <td className={cell}>{when(n.until)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {summary('security-by-login', t('byLogin'), overview.byLogin, t('login'))}
      {summary('security-by-address', t('byAddress'), overview.byAddress, t('address'))}

      <section aria-labelledby="security-recent" className="mb-8">
        <h2 id="security-recent" className="mb-2 text-lg font-medium">{t('recent')}</h2>
        {overview.recent.length === 0 ? (
          <p className="text-slate-600">{t('noFailures')}</p>
        ) : (
          <div className="overflow-x-auto rounded border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-100 text-slate-700">
                <tr><th scope="col" className={cell}>{t('at')}</th><th scope="col" className={cell}>{t('login')}</th><th scope="col" className={cell}>{t('address')}</th><th scope="col" className={cell}>{t('outcome')}</th></tr>
              </thead>
              <tbody>
                {overview.recent.map((r, i) => (
                  <tr key={i} className="border-t border-slate-100">
                    <td className={cell}>{when(r.at)}</td>
                    <td className={`${cell} font-mono`}>{r.login}</td>
                    <td className={`${cell} font-mono`}>{r.address}</td>
                    <td className={cell}>{t.has(`outcomes.${r.outcome}`) ? t(`outcomes.${r.outcome}`) : r.outcome}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
