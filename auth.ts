import NextAuth from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { credentialsSchema } from '@/lib/auth/credentials';
import { authSecret } from '@/lib/auth/secret';
import { verifyPassword } from '@/lib/auth/password';
import { findUserForSignIn } from '@/db/queries/staff';

declare module 'next-auth' {
  interface User {
    role?: string;
  }
  interface Session {
    user: { id: string; name: string; role: string };
  }
}


export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  pages: { signIn: '/login' },
  providers: [
    Credentials({
      credentials: { login: {}, password: {} },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const user = await findUserForSignIn(parsed.data.login);
        const ok = await verifyPassword(user?.passwordHash ?? null, parsed.data.password);
        if (!user || !ok) return null;
        return { id: user.id, name: user.name, role: user.role };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.uid as string;
      session.user.role = token.role as string;
      return session;
    },
  },
});
