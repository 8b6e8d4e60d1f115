import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getFormat } from '@/lib/i18n/get-format';
import { requireStaff } from '@/lib/auth/session';
import { getStaff } from '@/lib/admin/staff';
import { listOwnedOpenForms, successorChoices } from '@/lib/handover/handover';
import { AdminScreen } from '../../../_components/admin-nav';
import { EmptyState } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { Cell, DataTable, Row } from '@/components/ui/table';
import { HandoverAllForm } from './handover-all-form';

const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A leaving person's open forms, handed to one successor at once (issue 21). */
export default async function HandoverAllPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireStaff(['admin']);
  const { id } = await params;
  if (!uuidRe.test(id)) notFound();
  const person = await getStaff(admin, id);
  if (!person) notFound();
  const [forms, successors, t, staffT, wf, format] = await Promise.all([
    listOwnedOpenForms(admin, id),
    successorChoices(admin, id),
    getTranslations('handover'),
    getTranslations('admin.staff'),
    getTranslations('workflow'),
    getFormat(),
  ]);
  return (
    <AdminScreen current="staff" title={t('admin.title', { name: person.name })} intro={t('admin.intro')}>
      <Link href={`/admin/staff/${id}`} className="text-sm text-blue-700 underline">{staffT('back')}</Link>
      <Section id="handover-forms" title={t('admin.link')} count={forms.length}>
        {forms.length === 0 ? (
          <EmptyState>{t('admin.none', { name: person.name })}</EmptyState>
        ) : (
          <DataTable testId="handover-forms" columns={[t('admin.number'), t('admin.state'), t('admin.holds'), t('admin.due')]}>
            <tbody>
              {forms.map((f) => (
                <Row key={f.id}>
                  <Cell><Link href={`/complaints/${f.number}`} className="font-mono text-blue-700 underline">{f.number}</Link></Cell>
                  <Cell>{wf(`states.${f.status}` as never)}</Cell>
                  <Cell>
                    {format.list([
                      ...(f.customerManager ? [t('positions.customer_manager')] : []),
                      ...(f.handler ? [t('positions.handler')] : []),
                      ...(f.openPromises ? [t('admin.promises', { count: f.openPromises })] : []),
                    ])}
                  </Cell>
                  <Cell>{format.dateTimeOrDash(f.stepDueAt)}</Cell>
                </Row>
              ))}
            </tbody>
          </DataTable>
        )}
      </Section>
      {forms.length > 0 && (
        <Section id="handover-to" title={t('admin.save')} card>
          <HandoverAllForm fromUserId={id} successors={successors} />
        </Section>
      )}
    </AdminScreen>
  );
}
