import { ClientMessages } from '@/components/ui/client-messages';

export default function LoginLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages part="login">{children}</ClientMessages>;
}
