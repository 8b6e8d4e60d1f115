import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { getFormat } from '@/lib/i18n/get-format';
import { currentSession, requireStaff } from '@/lib/auth/session';
import { getStaff, listDepartments } from '@/lib/admin/staff';
import { staffSessions } from '@/lib/admin/sessions';
import { AdminNav } from '../../_components/admin-nav';
import { ActiveToggle, EditUserForm, ResetPasswordForm } from '../staff-forms';
import { SessionsPanel } from './sessions-panel';
import { CentreHeadToggle } from './handover/centre-head-toggle';
import { loadCentreHead } from '@/lib/handover/centre-head';
import { Section } from '@/components/ui/section';

const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function EditStaffPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireStaff(['admin']);
  const { id } = await params;
  if (!uuidRe.test(id)) notFound();
  const [user, depts] = await Promise.all([getStaff(admin, id), listDepartments(admin)]);
  if (!user) notFound();
  const [sessions, own, format, centreHead] = await Promise.all([staffSessions(admin, id), currentSession(), getFormat(), loadCentreHead(admin, id)]);
  const when = format.dateTime;
  const sessionViews = sessions.map((s) => ({
    id: s.id,
    createdAt: when(s.createdAt),
    lastSeenAt: when(s.lastSeenAt),
    expiresAt: when(s.expiresAt),
    userAgent: s.userAgent,
    clientAddress: s.clientAddress,
    current: s.id === own?.sessionId,
  }));
  const st = await getTranslations('admin.sessions');
  const t = await getTranslations('admin.staff');
  const common = await getTranslations('common');
  const handover = await getTranslations('handover.admin');
  const locale = await getLocale();
  const departments = depts.map((d) => ({ id: d.id, name: locale === 'en' ? d.nameEn : d.name }));

  return (
    <>
      <AdminNav current="staff" />
      <Link href="/admin/staff" className="text-sm text-blue-700 underline">{t('back')}</Link>
      <h1 className="mt-2 mb-1 text-2xl font-semibold">{t('editTitle', { name: user.name })}</h1>
      <p className="mb-4 text-slate-700">
        <span className="font-mono">{user.login}</span> · {common(`roles.${user.role}`)} ·{' '}
        {user.active ? t('isActive') : t('isInactive')}
        {user.position && <> · {t(`positions.${user.position}`)}</>}
      </p>

      {(user.role === 'desk' || centreHead) && <CentreHeadToggle id={user.id} centreHead={centreHead} />}
      {(user.role === 'desk' || user.role === 'department') && (
        <p className="mb-4">
          <Link href={`/admin/staff/${user.id}/handover`} className="text-blue-700 underline" data-testid="handover-link">{handover('link')}</Link>
        </p>
      )}

      <Section id="edit-details" title={t('details')} card spacing="tight">
        <EditUserForm user={user} departments={departments} />
      </Section>

      <Section id="edit-password" title={t('resetPassword')} card spacing="tight">
        <ResetPasswordForm id={user.id} />
      </Section>

      <Section id="edit-sessions" title={st('title')} hint={st('hint')} card spacing="tight">
        <SessionsPanel userId={user.id} sessions={sessionViews} />
      </Section>

      <Section id="edit-active" title={t('accountStatus')} hint={t('deactivateHint')} card spacing="none">
        <ActiveToggle id={user.id} active={user.active} />
      </Section>
    </>
  );
}
