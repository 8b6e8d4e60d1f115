import { redirect } from 'next/navigation';
import { currentStaff, homeOf } from '@/lib/auth/session';

export default async function Home() {
  const user = await currentStaff();
  redirect(user ? homeOf[user.role] : '/login');
}
