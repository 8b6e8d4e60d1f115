import NextAuth from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { authSecret } from '@/lib/auth/secret';
import { authorizeCredentials } from '@/lib/auth/sign-in';
import { sessionMaxAgeSeconds } from '@/lib/auth/session-store';
import { closeSignInSession, openSignInSession } from '@/lib/auth/sign-in-session';
import { safeRedirect } from '@/lib/auth/redirect';
import { authLogger } from '@/lib/auth/auth-logger';

declare module 'next-auth' {
  interface User {
    role?: string;
  }
  interface Session {
    user: { id: string; name: string; role: string };
    /** The server-side session (auth_sessions) this cookie belongs to. */
    sessionId?: string;
  }
}

// With KESU_PUBLIC_URL set, Auth.js builds its URLs from it instead of the request's Host /
// X-Forwarded-Host, which a client can forge.
if (process.env.KESU_PUBLIC_URL && !process.env.AUTH_URL) process.env.AUTH_URL = process.env.KESU_PUBLIC_URL;

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: 'jwt', maxAge: sessionMaxAgeSeconds },
  pages: { signIn: '/login' },
  // A wrong password is one log line, not a stack trace (lib/auth/auth-logger.ts).
  logger: authLogger(),
  providers: [
    Credentials({
      credentials: { login: {}, password: {} },
      // Throttled per login and per address (lib/auth/throttle.ts) on every sign-in path.
      authorize: authorizeCredentials,
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
        // Each sign-in gets its own server-side session; lib/auth/session.ts checks it on every request.
        token.sid = await openSignInSession(user.id!);
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.uid as string;
      session.user.role = token.role as string;
      session.sessionId = token.sid as string | undefined;
      return session;
    },
    redirect: ({ url, baseUrl }) => safeRedirect(url, baseUrl),
  },
  events: {
    async signOut(message) {
      if ('token' in message) await closeSignInSession(message.token?.sid);
    },
  },
});
