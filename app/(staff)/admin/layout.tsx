import { ClientMessages } from '@/components/ui/client-messages';
import { ZodLocale } from '@/components/ui/zod-locale';

// The admin screens' client components read the admin messages, which no other staff page needs.
export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return (
    <ClientMessages part="admin">
      <ZodLocale />
      {children}
    </ClientMessages>
  );
}
