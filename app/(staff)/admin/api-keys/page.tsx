import Link from '@/components/ui/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { listApiKeys } from '@/lib/api/keys';
import { listSites } from '@/lib/admin/setup';
import { listDepartments } from '@/lib/admin/staff';
import { getFormat } from '@/lib/i18n/get-format';
import { Cell, DataTable, Row } from '@/components/ui/table';
import { EmptyState } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { AdminScreen } from '../_components/admin-nav';
import { CreateKeyForm } from './create-key-form';
import { RevokeButton } from './revoke-button';

export default async function ApiKeysPage() {
  const user = await requireStaff(['admin']);
  const [keys, sites, departments, t, roles, format, locale] = await Promise.all([
    listApiKeys(user),
    listSites(),
    listDepartments(user),
    getTranslations('api.keys'),
    getTranslations('common.roles'),
    getFormat(),
    getLocale(),
  ]);
  const en = locale === 'en';
  return (
    <AdminScreen current="api-keys" title={t('title')} intro={t('intro')} lead={<Link href="/admin/api-reference" className="text-blue-700 underline">{t('reference')}</Link>}>
      <CreateKeyForm sites={sites.map((s) => ({ id: s.id, name: s.name }))} departments={departments.map((d) => ({ id: d.id, name: en ? d.nameEn : d.name }))} />
      <Section id="api-key-list" title={t('list')} count={keys.length}>
        {keys.length === 0 ? (
          <EmptyState>{t('empty')}</EmptyState>
        ) : (
          <DataTable testId="api-keys" columns={[t('name'), t('prefix'), t('role'), t('department'), t('history'), t('created'), t('lastUsed'), t('status')]}>
            {keys.map((k) => (
              <Row key={k.id}>
                <Cell>{k.name}</Cell>
                <Cell className="font-mono text-xs">kesu_{k.prefix}_…</Cell>
                <Cell>{roles(k.role)}</Cell>
                <Cell>{(en ? k.departmentNameEn : k.departmentName) ?? (k.groupWide ? t('groupWide') : k.siteName)}</Cell>
                <Cell>{t(`historyValues.${k.history}`)}</Cell>
                <Cell>{format.dateTime(k.createdAt)}</Cell>
                <Cell>{k.lastUsedAt ? format.dateTime(k.lastUsedAt) : t('never')}</Cell>
                <Cell>
                  {k.revokedAt ? (
                    t('revoked', { date: format.dateTime(k.revokedAt) })
                  ) : (
                    <RevokeButton id={k.id} name={k.name} />
                  )}
                </Cell>
              </Row>
            ))}
          </DataTable>
        )}
      </Section>
    </AdminScreen>
  );
}
