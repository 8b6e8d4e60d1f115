import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { getFormat } from '@/lib/i18n/get-format';
import { acceptanceDays, loadTriageAdmin, type ScoredLabel } from '@/lib/triage/admin';
import { Section } from '@/components/ui/section';
import { Cell, DataTable, Row } from '@/components/ui/table';
import { AdminScreen } from '../_components/admin-nav';
import { RetrainButton, TriageSettingsForm } from './triage-forms';

const labels: ScoredLabel[] = ['category', 'department', 'severity', 'crisis'];

export default async function TriageAdminPage() {
  const user = await requireStaff(['admin']);
  const [view, t, format] = await Promise.all([loadTriageAdmin(user), getTranslations('triage.admin'), getFormat()]);
  const { inUse, acceptance: a } = view;
  const score = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(3));
  const rate = (n: number, of: number) => (of ? `${Math.round((n / of) * 1000) / 10}%` : '—');
  const taken: Record<ScoredLabel, [number, number]> = {
    category: [a.category, a.forms],
    crisis: [a.crisis, a.forms],
    department: [a.department, a.triaged],
    severity: [a.severity, a.triaged],
  };
  return (
    <AdminScreen current="triage" title={t('title')} intro={t('intro')}>
      <Section id="triage-model" title={t('inUse')} card>
        <dl className="mb-3 grid gap-2 text-sm sm:grid-cols-3" data-testid="triage-model">
          <div><dt className="text-slate-600">{t('version')}</dt><dd className="font-mono">{inUse.version}</dd></div>
          <div><dt className="text-slate-600">{t('trainedAt')}</dt><dd>{inUse.trainedAt ? format.dateTime(inUse.trainedAt) : t('starter')}</dd></div>
          <div><dt className="text-slate-600">{t('trainSize', { train: inUse.trainSize, validate: inUse.validateSize })}</dt></div>
        </dl>
        <DataTable testId="triage-scores" columns={[t('label'), t('accuracy'), t('macroF1'), t('baselineAccuracy'), t('baselineMacroF1')]}>
          {labels.map((l) => (
            <Row key={l}>
              <Cell>{t(`labels.${l}`)}</Cell>
              <Cell>{score(inUse.labels[l]?.accuracy)}</Cell>
              <Cell>{score(inUse.labels[l]?.macro_f1)}</Cell>
              <Cell>{score(inUse.labels[l]?.baseline_accuracy)}</Cell>
              <Cell>{score(inUse.labels[l]?.baseline_macro_f1)}</Cell>
            </Row>
          ))}
        </DataTable>
        <p className="mt-2 text-xs text-slate-600">{t('baselineHint')}</p>
        <div className="mt-4"><RetrainButton /></div>
      </Section>

      <Section id="triage-acceptance" title={t('acceptance')} hint={t('acceptanceHint', { days: acceptanceDays, forms: a.forms, triaged: a.triaged })}>
        <DataTable testId="triage-acceptance" columns={[t('label'), t('taken'), t('of'), t('rate')]}>
          {labels.map((l) => (
            <Row key={l}>
              <Cell>{t(`labels.${l}`)}</Cell>
              <Cell>{taken[l][0]}</Cell>
              <Cell>{taken[l][1]}</Cell>
              <Cell>{rate(taken[l][0], taken[l][1])}</Cell>
            </Row>
          ))}
        </DataTable>
      </Section>

      <Section id="triage-settings" title={t('settings')}>
        <TriageSettingsForm
          settings={{ ...view.settings, centreHeadUserId: view.settings.centreHeadUserId ?? '' }}
          heads={view.centreHeadChoices}
        />
      </Section>

      <Section id="triage-models" title={t('models')}>
        {view.models.length === 0 ? (
          <p className="text-sm text-slate-600">{t('none')}</p>
        ) : (
          <DataTable columns={[t('version'), t('trainedAt'), t('accuracy'), t('active')]}>
            {view.models.map((m) => (
              <Row key={m.version}>
                <Cell className="font-mono">{m.version}</Cell>
                <Cell>{m.trainedAt ? format.dateTime(m.trainedAt) : '—'}</Cell>
                <Cell>{labels.slice(0, 3).map((l) => `${t(`labels.${l}`)} ${score(m.labels[l]?.accuracy)}`).join(' · ')}</Cell>
                <Cell>{m === inUse ? '✓' : ''}</Cell>
              </Row>
            ))}
          </DataTable>
        )}
      </Section>
    </AdminScreen>
  );
}
