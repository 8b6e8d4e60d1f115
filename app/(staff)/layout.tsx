import Link from '@/components/ui/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { signOut } from '@/auth';
import { currentStaff, homeOf } from '@/lib/auth/session';
import { LocaleSwitch } from '@/components/ui/locale-switch';
import { ClientMessages } from '@/components/ui/client-messages';
import { countUnread, UNREAD_COUNT_CAP } from '@/lib/notify/inbox';
import type { Role } from '@/lib/workflow';

// Layouts are not a security boundary: every page and action checks the user itself.
const navFor: Record<Role, string[]> = {
  desk: ['desk', 'ledger', 'complaints', 'eightd', 'reports', 'documents', 'privacy', 'inbox'],
  department: ['department', 'ledger', 'complaints', 'eightd', 'inbox'],
  management: ['management', 'ledger', 'complaints', 'eightd', 'reports', 'documents', 'holds', 'audit', 'inbox'],
  gm: ['gm', 'ledger', 'complaints', 'eightd', 'reports', 'documents', 'inbox'],
  admin: ['admin', 'complaints', 'privacy', 'inbox'],
  finance: ['reports', 'documents', 'inbox'],
};

/** Where an entry leads when it is not /<key>: management read the audit log in the admin area. */
const navHref: Record<string, string> = { audit: '/admin/audit', documents: '/reports/documents' };

export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const user = await currentStaff();
  const t = await getTranslations('common');
  const inbox = await getTranslations('inbox');
  const absence = await getTranslations('promises.absence');
  const eightd = await getTranslations('eightd');
  // On every staff page: a capped count over a partial index (lib/notify/inbox.ts).
  const unread = user ? await countUnread(user.id) : 0;
  const locale = await getLocale();
  // Who is signed in, in words: a department's people by their department (and place in it),
  // not "责任部门"; a role label that only repeats the name (the admin "系统管理员") is left out.
  const department = user && (locale === 'en' ? user.departmentNameEn : user.departmentName);
  const where = user
    ? user.role === 'department' && department
      ? t('header.inDepartment', { department, position: user.departmentPosition ?? 'none' })
      : t(`roles.${user.role}`)
    : '';
  const whoLabel = user ? (where === user.name ? user.name : t('header.who', { name: user.name, where })) : '';
  async function signOutAction() {
    'use server';
    await signOut({ redirectTo: '/login' });
  }
  return (
    <div className="min-h-screen">
      <header className="no-print border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href={user ? homeOf[user.role] : '/'} className="text-lg font-semibold">{t('appName')}</Link>
          {user && (
            <nav aria-label="main" className="flex flex-wrap gap-4 text-sm">
              {navFor[user.role].map((key) => (
                <Link key={key} href={navHref[key] ?? `/${key}`} className="inline-flex items-center gap-1 text-slate-700 hover:text-blue-700 hover:underline">
                  {key === 'eightd' ? eightd('nav') : t(`nav.${key}`)}
                  {key === 'inbox' && unread > 0 && (
                    <span data-testid="nav-unread" className="rounded-full bg-red-700 px-1.5 text-xs font-semibold leading-5 text-white">
                      <span aria-hidden="true">{unread > UNREAD_COUNT_CAP ? `${UNREAD_COUNT_CAP}+` : unread}</span>
                      <span className="sr-only">{inbox('navUnread', { count: unread })}</span>
                    </span>
                  )}
                </Link>
              ))}
            </nav>
          )}
          {/* Words never break here (body wraps long text anywhere): the group wraps to a new line instead. */}
          <div className="ml-auto flex flex-wrap items-center justify-end gap-3 text-sm">
            {user && <span data-testid="current-user">{whoLabel}</span>}
            {/* Their own menu: staff mark their absence themselves (issue 21). */}
            {user && <Link href="/absence" className="whitespace-nowrap text-slate-700 hover:text-blue-700 hover:underline">{absence('link')}</Link>}
            <LocaleSwitch />
            {user && (
              <form action={signOutAction}>
                <button type="submit" className="whitespace-nowrap rounded border border-slate-300 px-2 py-1 hover:bg-slate-100">{t('signOut')}</button>
              </form>
            )}
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6 print:max-w-none print:p-0">
        <ClientMessages part="staff">{children}</ClientMessages>
      </main>
    </div>
  );
}
