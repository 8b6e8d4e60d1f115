/**
 * Every page, route handler and server action × every kind of caller, against the production
 * build, with the expected result from e2e/authorization-matrix.ts. Server actions are called
 * directly over HTTP the way React's client does (Next-Action header, the reply encoding), so a
 * check that only hides a button cannot pass.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, request as playwrightRequest, test, type APIRequestContext, type APIResponse, type Browser } from './test';
import { signIn } from './helpers';
import { callers, matrix, type ActionArgs, type Caller, type MatrixFixtures } from './authorization-matrix';

const root = process.cwd(); // playwright runs from the project root (playwright.config.ts)
const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

// ---- the endpoints ------------------------------------------------------------------------------

function filesNamed(dir: string, name: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesNamed(full, name));
    else if (entry.name === name) out.push(path.relative(root, full).split(path.sep).join('/'));
  }
  return out;
}

/** 'app/(staff)/complaints/[number]/page.tsx' → '/complaints/[number]' (route groups dropped). */
function routeOf(file: string): string {
  const parts = file.split('/').slice(1, -1).filter((p) => !/^\(.*\)$/.test(p));
  return '/' + parts.join('/');
}

interface ActionRef {
  id: string;
  key: string;
  /** The pages that load the action: it is posted to one of them. */
  workers: string[];
}

function endpoints() {
  const pages = filesNamed(path.join(root, 'app'), 'page.tsx').map(routeOf);
  const routes = filesNamed(path.join(root, 'app'), 'route.ts').map(routeOf);
  const manifestFile = path.join(root, '.next/server/server-reference-manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as {
    node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }>;
  };
  const actions: ActionRef[] = Object.entries(manifest.node).map(([id, a]) => ({
    id,
    key: `action ${a.filename}#${a.exportedName}`,
    workers: Object.keys(a.workers).map((w) => routeOf(`${w}.tsx`)),
  }));
  return {
    keys: [...pages.map((p) => `page ${p}`), ...routes.map((r) => `route ${r}`), ...actions.map((a) => a.key)],
    pages,
    routes,
    actions,
  };
}

// ---- calling them --------------------------------------------------------------------------------

function fill(route: string, fx: MatrixFixtures, kind: 'page' | 'route'): string {
  const own = matrix[`${kind} ${route}`]?.params ?? {};
  return Object.entries(own)
    .reduce((r, [name, value]) => r.replace(`[${name}]`, value), route)
    .replace('[number]', fx.form.number)
    .replace('[token]', fx.token)
    .replace('[...nextauth]', 'session')
    .replace('[id]', kind === 'route' ? fx.attachmentId : fx.staffId);
}

function redirectTarget(res: APIResponse): string | null {
  const action = res.headers()['x-action-redirect'];
  if (action) return new URL(action.split(';')[0], 'http://x').pathname;
  const location = res.headers()['location'];
  return res.status() >= 300 && res.status() < 400 && location ? new URL(location, 'http://x').pathname : null;
}

async function getOutcome(ctx: APIRequestContext, url: string): Promise<string> {
  const res = await ctx.get(url, { maxRedirects: 0 });
  const to = redirectTarget(res);
  return to ? `→${to}` : String(res.status());
}

const messages = ['zh-CN', 'en'].map((l) => JSON.parse(fs.readFileSync(path.join(root, `messages/${l}/common.json`), 'utf8')).errors as Record<string, string>);
const wrapperRefusal = (message: unknown) => ['signedOut', 'forbidden', 'invalid'].find((k) => messages.some((m) => m[k] === message));

/** The action's return value from a React Server Components reply (row 0 refers to it). */
function actionResult(body: string): { error: true } | { value: unknown } {
  const rows = new Map<string, string>();
  for (const line of body.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) rows.set(line.slice(0, colon), line.slice(colon + 1));
  }
  const head = JSON.parse(rows.get('0') ?? '{}') as { a?: unknown };
  if (typeof head.a === 'string' && head.a.startsWith('$@')) {
    const text = rows.get(head.a.slice(2)) ?? '';
    if (text.startsWith('E')) return { error: true };
    return { value: JSON.parse(text) };
  }
  return { value: head.a === '$undefined' ? undefined : head.a };
}

async function callAction(ctx: APIRequestContext, baseURL: string, actionId: string, at: string, args: ActionArgs): Promise<string> {
  const headers = { 'Next-Action': actionId, Accept: 'text/x-component', Origin: baseURL };
  let res: APIResponse;
  if ('json' in args) {
    res = await ctx.post(at, { headers: { ...headers, 'Content-Type': 'text/plain;charset=UTF-8' }, data: JSON.stringify(args.json), maxRedirects: 0 });
  } else {
    // React's encodeReply: a FormData argument is "$K1", its fields "_1_<name>", the root "0" last.
    const form = new FormData();
    for (const [name, value] of args.fields) {
      if (typeof value === 'string') form.append(`_1_${name}`, value);
      else form.append(`_1_${name}`, new Blob([new Uint8Array(value.buffer)], { type: value.mimeType }), value.name);
    }
    form.append('0', JSON.stringify([...args.prefix, '$K1']));
    res = await ctx.post(at, { headers, multipart: form, maxRedirects: 0 });
  }
  const to = redirectTarget(res);
  if (to) return `→${to}`;
  if (res.status() !== 200) return `http:${res.status()}`;
  const result = actionResult(await res.text());
  if ('error' in result) return 'error';
  const state = result.value as { ok?: unknown; code?: unknown; message?: unknown } | undefined;
  if (!state || typeof state.ok !== 'boolean') return 'answered';
  if (state.ok) return 'ok';
  if (typeof state.code === 'string') return state.code;
  return wrapperRefusal(state.message) ?? 'refused';
}

// ---- the run -----------------------------------------------------------------------------------

test.describe.configure({ mode: 'serial' });

let contexts: Record<Caller, APIRequestContext>;
let fx: MatrixFixtures;

async function signedIn(browser: Browser, baseURL: string, login: string): Promise<APIRequestContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, login);
  const state = await context.storageState();
  await context.close();
  return playwrightRequest.newContext({ baseURL, storageState: state, extraHTTPHeaders: matrixAddress });
}

/** The matrix's calls come from an address of their own: its web submissions (the setup's and the
 * honeypot's, 10 in all) spend that address's hourly limit, not the one other tests submit from. */
const matrixAddress = { 'X-Forwarded-For': '198.18.249.1' };

/** Finds the values the URLs and inputs need, through the app itself. */
async function findFixtures(baseURL: string): Promise<MatrixFixtures> {
  const { admin, service, nobody } = contexts;
  // A service form of a workmanship complaint in which the demo records machao as involved (other
  // browser tests add workmanship forms without him, and his name is in every staff picker).
  const list = await (await service.get('/complaints?category=workmanship')).text();
  const numbers = [...new Set([...list.matchAll(/href="\/complaints\/(KS-\d{4}-\d{6})"/g)].map((m) => m[1]))];
  let number: string | undefined;
  let formHtml = '';
  for (const candidate of numbers) {
    formHtml = await (await admin.get(`/complaints/${candidate}`)).text();
    if (/<dt[^>]*>(当事人|Involved staff)<\/dt><dd[^>]*>[^<]*马超/.test(formHtml)) {
      number = candidate;
      break;
    }
  }
  expect(number, 'a workmanship form of the service department with machao (马超) recorded as involved').toBeTruthy();
  const id = formHtml.match(new RegExp(`complaintId\\\\?"\\s*(?:,\\s*\\\\?"value\\\\?"\\s*)?:\\s*\\\\?"(${uuid.source})`))?.[1] ?? formHtml.match(new RegExp(`name=\\\\?"complaintId\\\\?"[^>]*value=\\\\?"(${uuid.source})`))?.[1];
  expect(id, 'the form id on its page').toBeTruthy();
  const form = { id: id!, number: number! };

  // One attachment on it, uploaded by a handler through the action, as the page does.
  const upload = matrix['action app/(staff)/complaints/[number]/actions/upload-evidence.ts#uploadEvidenceAction'];
  const uploadRef = endpoints().actions.find((a) => a.key.endsWith('#uploadEvidenceAction'))!;
  expect(await callAction(service, baseURL, uploadRef.id, `/complaints/${number}`, upload.args!({ form, token: '', staffId: '', attachmentId: '' }))).toBe('ok');
  const attachmentId = (await (await service.get(`/complaints/${number}`)).text()).match(new RegExp(`/attachments/(${uuid.source})`))?.[1];
  expect(attachmentId, 'an attachment link on the form page').toBeTruthy();

  const staffId = (await (await admin.get('/admin/staff')).text()).match(new RegExp(`/admin/staff/(${uuid.source})`))?.[1];
  expect(staffId, 'a staff link on /admin/staff').toBeTruthy();

  // A tracking link: one real web submission by the public.
  const submitRef = endpoints().actions.find((a) => a.key.endsWith('#submitComplaintAction'))!;
  const res = await nobody.post('/submit', {
    headers: { 'Next-Action': submitRef.id, Accept: 'text/x-component', Origin: baseURL },
    multipart: (() => {
      const f = new FormData();
      for (const [k, v] of [['idempotencyKey', crypto.randomUUID()], ['customerName', '林小姐'], ['customerPhone', '13800000001'], ['categoryCode', 'attitude'], ['description', '授权矩阵：真实的网上提交。']]) f.append(`_1_${k}`, v);
      f.append('0', JSON.stringify([{ status: 'idle' }, '$K1']));
      return f;
    })(),
  });
  const submitted = actionResult(await res.text());
  const token = 'value' in submitted ? (submitted.value as { data?: { trackPath?: string } }).data?.trackPath?.split('/').pop() : undefined;
  expect(token, 'a tracking token from a web submission').toBeTruthy();
  return { form, token: token!, staffId: staffId!, attachmentId: attachmentId! };
}

test('every page, route handler and server action has an entry in the matrix', () => {
  const { keys } = endpoints();
  const missing = keys.filter((k) => !(k in matrix));
  const stale = Object.keys(matrix).filter((k) => !keys.includes(k));
  expect(missing, `endpoints without an entry in e2e/authorization-matrix.ts:\n  ${missing.join('\n  ')}`).toEqual([]);
  expect(stale, `entries in e2e/authorization-matrix.ts for endpoints that no longer exist:\n  ${stale.join('\n  ')}`).toEqual([]);
  for (const key of keys.filter((k) => k.startsWith('action '))) expect(matrix[key].args, `${key} needs args`).toBeDefined();
});


test.describe('the matrix', () => {
  test.beforeAll(async ({ browser }, testInfo) => {
    testInfo.setTimeout(120_000);
    const baseURL = testInfo.project.use.baseURL!;
    // One sign-in after another: all at once, on a loaded machine, some took longer than the
    // 10 s a sign-in may take. Each caller signs in itself (the matrix ends with a sign-out).
    const entries: (readonly [Caller, APIRequestContext])[] = [];
    for (const c of callers) entries.push([c, c === 'nobody' ? await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: matrixAddress }) : await signedIn(browser, baseURL, c)]);
    contexts = Object.fromEntries(entries) as Record<Caller, APIRequestContext>;
    fx = await findFixtures(baseURL);
  });

  test.afterAll(async () => {
    await Promise.all(Object.values(contexts ?? {}).map((c) => c.dispose()));
  });

  test('every caller gets exactly the expected result from every endpoint', async ({ baseURL }) => {
    test.setTimeout(180_000);
    const { pages, routes, actions } = endpoints();
    const failures: string[] = [];
    let cases = 0;
    const check = (key: string, caller: Caller, got: string) => {
      cases++;
      const want = matrix[key]?.expect[caller];
      if (want === undefined) return; // reported by the test above
      if (got !== want) failures.push(`${key} as ${caller}: expected ${want}, got ${got}`);
    };
    // Callers in parallel, each one's endpoints in order (signing out comes last).
    await Promise.all(
      callers.map(async (caller) => {
        const ctx = contexts[caller];
        for (const p of pages) check(`page ${p}`, caller, await getOutcome(ctx, fill(p, fx, 'page')));
        for (const r of routes) check(`route ${r}`, caller, await getOutcome(ctx, fill(r, fx, 'route')));
        const ordered = [...actions].sort((a, b) => Number(!!matrix[a.key]?.last) - Number(!!matrix[b.key]?.last));
        for (const a of ordered) {
          const entry = matrix[a.key];
          if (!entry?.args) continue;
          const at = fill(a.workers.find((w) => w.includes('[number]')) ?? a.workers[0], fx, 'page');
          check(a.key, caller, await callAction(ctx, baseURL!, a.id, at, entry.args(fx)));
        }
      }),
    );
    console.log(`authorization matrix: ${cases} cases (${pages.length} pages, ${routes.length} route handlers, ${actions.length} server actions × ${callers.length} callers)`);
    expect(failures, failures.join('\n')).toEqual([]);
  });
});
