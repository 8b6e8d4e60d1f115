import { getTranslations } from 'next-intl/server';
import { getFormat } from '@/lib/i18n/get-format';
import { requireStaff } from '@/lib/auth/session';
import { addressRule, loadSecurityOverview, loginRule, pairRule, trustMs, type FailureSummary } from '@/lib/auth/throttle';
import { listLockNotices } from '@/lib/auth/lock-notices';
import { AdminScreen } from '../_components/admin-nav';
import { LiftLockButton } from './lift-button';
import { EmptyState } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { Cell, DataTable, Row } from '@/components/ui/table';

export default async function SecurityPage() {
  await requireStaff(['admin']);
  const [overview, notices] = await Promise.all([loadSecurityOverview(), listLockNotices()]);
  const t = await getTranslations('admin.security');
  const format = await getFormat();
  const when = format.dateTimeSeconds;
  const login = loginRule();
  // One section a list: its title, a table, or the words for "nothing here".
  const list = (id: string, title: string, empty: string, rows: unknown[], table: React.ReactNode) => (
    <Section id={id} title={title}>
      {rows.length === 0 ? <EmptyState>{empty}</EmptyState> : table}
    </Section>
  );
  const summary = (id: string, title: string, rows: FailureSummary[], subject: string) =>
    list(
      id,
      title,
      t('noFailures'),
      rows,
      <DataTable testId={id} columns={[subject, t('failures'), t('lastAt')]}>
        <tbody>
          {rows.map((r) => (
            <Row key={r.subject}><Cell className="font-mono">{r.subject}</Cell><Cell>{r.failures}</Cell><Cell>{when(r.lastAt)}</Cell></Row>
          ))}
        </tbody>
      </DataTable>,
    );

  const intro = t('intro', {
    pairFailures: pairRule().threshold,
    addressFailures: addressRule().threshold,
    loginFailures: login.threshold,
    trustDays: Math.round(trustMs() / 86_400_000),
    forgetHours: Math.round(login.forgetMs / 3_600_000),
  });

  return (
    <AdminScreen current="security" title={t('title')} intro={intro}>
      {list(
        'security-locks',
        t('locks'),
        t('noLocks'),
        overview.locks,
        <DataTable testId="security-locks" columns={[t('scope'), t('subject'), t('failures'), t('until'), { hidden: t('lift') }]}>
          <tbody>
            {overview.locks.map((l) => (
              <Row key={l.key}>
                <Cell>{t(`scopes.${l.scope}`)}</Cell>
                <Cell className="font-mono">{l.subject}</Cell>
                <Cell>{l.failures}</Cell>
                <Cell>{when(l.lockedUntil)}</Cell>
                <Cell><LiftLockButton lockKey={l.key} label={l.subject} /></Cell>
              </Row>
            ))}
          </tbody>
        </DataTable>,
      )}

      {list(
        'security-notices',
        t('notices'),
        t('noNotices'),
        notices,
        <DataTable testId="security-notices" columns={[t('scope'), t('subject'), t('failures'), t('startedAt'), t('until')]}>
          <tbody>
            {notices.map((n) => (
              <Row key={`${n.key}|${n.startedAt.toISOString()}`}>
                <Cell>{t(`scopes.${n.scope}`)}</Cell>
                <Cell className="font-mono">{n.subject}</Cell>
                <Cell>{n.failures}</Cell>
                <Cell>{when(n.startedAt)}</Cell>
                <Cell>{when(n.until)}</Cell>
              </Row>
            ))}
          </tbody>
        </DataTable>,
      )}

      {summary('security-by-login', t('byLogin'), overview.byLogin, t('login'))}
      {summary('security-by-address', t('byAddress'), overview.byAddress, t('address'))}

      {list(
        'security-recent',
        t('recent'),
        t('noFailures'),
        overview.recent,
        <DataTable columns={[t('at'), t('login'), t('address'), t('outcome')]}>
          <tbody>
            {overview.recent.map((r, i) => (
              <Row key={i}>
                <Cell>{when(r.at)}</Cell>
                <Cell className="font-mono">{r.login}</Cell>
                <Cell className="font-mono">{r.address}</Cell>
                <Cell>{t.has(`outcomes.${r.outcome}`) ? t(`outcomes.${r.outcome}`) : r.outcome}</Cell>
              </Row>
            ))}
          </tbody>
        </DataTable>,
      )}
    </AdminScreen>
  );
}
