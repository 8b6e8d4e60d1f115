import Link from '@/components/ui/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { getFormat } from '@/lib/i18n/get-format';
import { Section } from '@/components/ui/section';
import { Cell, DataTable, Row } from '@/components/ui/table';
import type { Money } from '@/lib/reports/dashboard';

/**
 * Penalties and rewards per person (each entry with its form) and the compensation paid: what
 * finance reads, and the last part of everyone else's dashboard. Form numbers link to the form
 * for readers who may open forms (finance may not: DESIGN §1, read-only summaries).
 */
export async function MoneySections({ money, linkForms }: { money: Money; linkForms: boolean }) {
  const [t, reports, format, locale] = await Promise.all([getTranslations('dashboard'), getTranslations('reports'), getFormat(), getLocale()]);
  const en = locale === 'en';
  const form = (number: string) => (linkForms ? <Link href={`/complaints/${number}`} className="font-mono text-blue-700 underline">{number}</Link> : <span className="font-mono">{number}</span>);
  return (
    <>
      <Section id="d-money" title={t('money')} hint={t('moneyHint')}>
        {money.people.length === 0 ? (
          <p className="text-slate-700">{t('noneInPeriod')}</p>
        ) : (
          <DataTable testId="accountability-report" columns={[t('person'), t('penalties'), t('rewards'), t('entries'), t('latest')]}>
            {money.people.map((p) => (
              <tbody key={p.userId ?? `name:${p.name}`} data-testid="accountability-person">
                <Row>
                  <Cell className="align-top font-medium">
                    {p.name}
                    <span className="block text-xs font-normal text-slate-600">{p.userId ? (en ? p.departmentNameEn : p.departmentName) ?? '' : reports('outsideDirectory')}</span>
                  </Cell>
                  <Cell className="align-top whitespace-nowrap">{format.money(p.penaltyCents)}</Cell>
                  <Cell className="align-top whitespace-nowrap">{format.money(p.rewardCents)}</Cell>
                  <Cell className="align-top">{p.entries}</Cell>
                  <Cell className="align-top">
                    <ul className="space-y-1">
                      {p.latest.map((e, i) => (
                        <li key={`${e.number}-${i}`}>
                          {form(e.number)} · {reports(`types.${e.type === 'reward' ? 'reward' : 'penalty'}`)} {format.money(e.amountCents)} · {e.reason}
                        </li>
                      ))}
                    </ul>
                  </Cell>
                </Row>
              </tbody>
            ))}
          </DataTable>
        )}
      </Section>

      <Section id="d-compensation" title={t('compensation')} hint={t('compensationTotal', { count: money.compensations, total: format.money(money.compensationCents) })} spacing="none">
        {money.latestCompensation.length === 0 ? (
          <p className="text-slate-700">{t('noneInPeriod')}</p>
        ) : (
          <DataTable testId="compensation" columns={[t('number'), t('details'), t('amount'), t('at')]}>
            <tbody>
              {money.latestCompensation.map((c, i) => (
                <Row key={`${c.number}-${i}`}>
                  <Cell>{form(c.number)}</Cell>
                  <Cell>{c.description}</Cell>
                  <Cell className="whitespace-nowrap">{format.money(c.amountCents ?? 0)}</Cell>
                  <Cell className="whitespace-nowrap">{format.dateTime(c.at)}</Cell>
                </Row>
              ))}
            </tbody>
          </DataTable>
        )}
      </Section>
    </>
  );
}
