import { ClientMessages } from '@/components/ui/client-messages';
import { ZodLocale } from '@/components/ui/zod-locale';
import { NextYearWarning } from '@/components/calendar/next-year-warning';

// The admin screens' client components read the admin messages, which no other staff page needs.
export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return (
    <ClientMessages part="admin">
      <ZodLocale />
      <NextYearWarning />
      {children}
    </ClientMessages>
  );
}
