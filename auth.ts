import NextAuth from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { authSecret } from '@/lib/auth/secret';
import { authorizeCredentials } from '@/lib/auth/sign-in';

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
      // Throttled per login and per address (lib/auth/throttle.ts) on every sign-in path.
      authorize: authorizeCredentials,
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
