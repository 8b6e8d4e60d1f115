import { expect, test } from './test';
import { actionId, callAction } from './action-http';
import { actAs } from './helpers';

// Issue 9, "the bypass headers": headers an attacker adds to skip the proxy, pass as another
// origin, or bend redirects. Plain HTTP requests, as an attacker would send them.

const staffPages = [
  '/',
  '/desk',
  '/department',
  '/management',
  '/gm',
  '/admin',
  '/admin/staff',
  '/admin/staff/00000000-0000-4000-8000-000000000000',
  '/admin/calendar',
  '/admin/sla',
  '/admin/outbox',
  '/admin/audit',
  '/complaints',
  '/complaints/KS-2026-000001',
  '/inbox',
  '/ledger',
  '/reports',
];
// CVE-2025-29927: a proxy (middleware) skipped when this header names it enough times.
const subrequest = [
  'proxy',
  'middleware',
  'proxy:proxy:proxy:proxy:proxy',
  'middleware:middleware:middleware:middleware:middleware',
  'src/middleware:src/middleware:src/middleware:src/middleware:src/middleware',
];

test('without a session every staff page redirects to /login, never content — with or without x-middleware-subrequest', async ({ request }) => {
  for (const value of [undefined, ...subrequest]) {
    const headers: Record<string, string> = value ? { 'x-middleware-subrequest': value } : {};
    for (const path of staffPages) {
      const res = await request.get(path, { headers, maxRedirects: 0 });
      const what = `${path} [${value ?? 'no header'}]`;
      expect(res.status(), what).toBe(307);
      expect(res.headers().location, what).toBe('/login');
      // The headers are still there: the proxy was not skipped.
      expect(res.headers()['content-security-policy'], what).toContain("frame-ancestors 'none'");
      expect(res.headers()['x-frame-options'], what).toBe('DENY');
    }
    for (const path of ['/export/ledger', '/attachments/00000000-0000-4000-8000-000000000000']) {
      const res = await request.get(path, { headers, maxRedirects: 0 });
      expect(res.status(), `${path} [${value ?? 'no header'}]`).toBe(401);
    }
  }
});

test('a server action from another origin, or from Origin: null, is refused with 403 — even with a valid session', async ({ page, baseURL }) => {
  const setLocale = actionId('setLocaleAction');
  const login = actionId('loginAction');
  for (const origin of ['https://evil.example', 'null', 'http://localhost.evil.example', 'file://', 'garbage']) {
    for (const [path, id, args] of [
      ['/login', setLocale, ['en']],
      ['/login', login, [{}, { login: 'desk', password: 'kesu-demo' }]],
      ['/submit', actionId('submitComplaintAction'), [{}]],
    ] as const) {
      const res = await callAction(page.request, { page: path, id, args: [...args], headers: { Origin: origin } });
      expect(res.status(), `${origin} → ${path}`).toBe(403);
      expect(res.headers()['set-cookie'], `${origin} → ${path}`).toBeUndefined();
    }
    // A form posted without JavaScript (no Next-Action header) and Auth.js's own endpoints too.
    const form = await page.request.post('/login', { headers: { Origin: origin }, multipart: { [`$ACTION_ID_${setLocale}`]: '' }, maxRedirects: 0 });
    expect(form.status(), `${origin} form`).toBe(403);
    const callback = await page.request.post('/api/auth/callback/credentials', {
      headers: { Origin: origin },
      form: { login: 'desk', password: 'kesu-demo' },
      maxRedirects: 0,
    });
    expect(callback.status(), `${origin} credentials`).toBe(403);
  }

  // Origin: null from a sandboxed frame or a data: page of another site (the browser says cross-site).
  for (const site of ['cross-site', 'same-site', 'none']) {
    const res = await callAction(page.request, { page: '/login', id: setLocale, args: ['en'], headers: { Origin: 'null', 'Sec-Fetch-Site': site } });
    expect(res.status(), `null + ${site}`).toBe(403);
  }

  // With a signed-in admin's cookie, a foreign page still cannot act for them (CSRF).
  await actAs(page, 'admin');
  const res = await callAction(page.request, {
    page: '/admin/staff',
    id: actionId('createUserAction'),
    args: [{ login: 'csrf-victim', name: 'x', role: 'admin', password: 'csrf-password-1' }],
    headers: { Origin: 'https://evil.example' },
  });
  expect(res.status()).toBe(403);
  await page.goto('/admin/staff');
  await expect(page.getByTestId('staff-table')).not.toContainText('csrf-victim');

  // The same kind of call from the portal's own origin is served as usual.
  const own = await callAction(page.request, {
    page: '/desk',
    id: actionId('earlierFormsAction'),
    args: [{ phone: '13800138000' }],
    headers: { Origin: baseURL! },
  });
  expect(own.status()).toBe(200);
  expect(await own.text()).toContain('"ok":true');
});

test('forged Host or X-Forwarded-Host never yields a redirect to another host', async ({ request, baseURL }) => {
  const own = new URL(baseURL!).host;
  const forged: Record<string, string>[] = [{ Host: 'evil.example' }, { 'X-Forwarded-Host': 'evil.example' }, { 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' }];
  const targets = ['/', '/desk', '/api/auth/signin', '/api/auth/signin?callbackUrl=/desk', '/api/auth/signout', '/api/auth/error'];
  for (const headers of forged) {
    for (const path of targets) {
      const res = await request.get(path, { headers, maxRedirects: 0 });
      const location = res.headers().location;
      const what = `${path} ${JSON.stringify(headers)}`;
      expect(res.status(), what).toBeLessThan(500);
      if (location) expect(new URL(location, baseURL).host, what).toBe(own);
      expect(await res.text(), what).not.toContain('evil.example');
    }
  }
});

test('bad callbackUrls give a 4xx or a redirect into the portal, never a 500 or another site', async ({ request, baseURL }) => {
  const own = new URL(baseURL!).origin;
  const values = [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(document.domain)',
    'data:text/html,<script>alert(1)</script>',
    'https://evil.example/',
    '//evil.example/',
    '/\\evil.example',
    'http://localhost.evil.example/',
    'not a url',
    '%00',
  ];
  for (const value of values) {
    for (const path of ['/api/auth/signin', '/api/auth/signout', '/api/auth/error']) {
      const res = await request.get(`${path}?callbackUrl=${encodeURIComponent(value)}`, { maxRedirects: 0 });
      const what = `${path} ${value}`;
      expect(res.status(), what).toBeLessThan(500);
      const location = res.headers().location;
      if (location) {
        const target = new URL(location, own);
        expect(target.origin, what).toBe(own);
        // The page Auth.js redirects to carries the callbackUrl on: it must be ours too.
        const next = target.searchParams.get('callbackUrl');
        if (next) expect(new URL(next, own).origin, what).toBe(own);
      }
    }
    // The same value in Auth.js's callback-url cookie.
    const res = await request.get('/api/auth/signin', { headers: { cookie: `authjs.callback-url=${encodeURIComponent(value)}` }, maxRedirects: 0 });
    expect(res.status(), `cookie ${value}`).toBeLessThan(500);
  }

  // A sign-in through Auth.js's own endpoint with a foreign callbackUrl lands in the portal.
  const csrf = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const res = await request.post('/api/auth/callback/credentials', {
    headers: { Origin: own },
    form: { login: 'desk', password: 'kesu-demo', csrfToken: csrf.csrfToken, callbackUrl: 'https://evil.example/phish' },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(302);
  expect(new URL(res.headers().location, own).origin).toBe(own);
});
