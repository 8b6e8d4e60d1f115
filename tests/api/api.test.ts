/**
 * The JSON API (/api/v1) end to end below HTTP: each endpoint is called with a real Request, as
 * the route files call it, on PGlite and PostgreSQL. Keys of different roles and scopes are
 * allowed and refused as their staff identity would be; versions, idempotent create,
 * problem+json in both languages, revocation and the per-key rate limit.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys, complaints } from '@/db/schema';
import { forEachBackend } from '@/tests/helpers/databases';
import { baseComplaint, openFixture, T0, type Fixture } from '@/tests/commands/fixtures';
import { pngBytes } from '@/tests/public/fixtures';
import { addNote, createForm, fireEvent, getForm, listEvents, listForms, uploadAttachments } from '@/lib/api/endpoints';
import { createApiKey, revokeApiKey, type CreateApiKeyInput } from '@/lib/api/keys';
import type { Endpoint } from '@/lib/api/endpoint';
import { listStaff } from '@/lib/admin/staff';
import { findUserForSignIn } from '@/db/queries/staff';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kesu-api-'));
beforeAll(() => {
  process.env.KESU_ATTACHMENTS_DIR = dir;
});
afterAll(() => {
  delete process.env.KESU_ATTACHMENTS_DIR;
  fs.rmSync(dir, { recursive: true, force: true });
});

const base = 'http://kesu.test/api/v1';
type Call = { key?: string; lang?: string; body?: unknown; headers?: Record<string, string>; query?: string };

function request(method: string, url: string, c: Call): Request {
  const headers: Record<string, string> = { ...(c.lang ? { 'Accept-Language': c.lang } : {}), ...c.headers };
  if (c.key) headers.Authorization = `Bearer ${c.key}`;
  let body: BodyInit | undefined;
  if (c.body instanceof FormData) body = c.body;
  else if (c.body !== undefined) {
    body = JSON.stringify(c.body);
    headers['Content-Type'] = 'application/json';
  }
  return new Request(url + (c.query ? `?${c.query}` : ''), { method, headers, body });
}

forEachBackend('JSON API', (backend) => {
  let fx: Fixture;
  const keys: Record<string, string> = {};
  const makeKey = async (input: Omit<CreateApiKeyInput, 'siteId'>) => (await createApiKey({ siteId: fx.siteId, ...input }, fx.actors.admin, fx.db)).token;
  async function call<P>(ep: Endpoint<P>, method: string, pathname: string, c: Call, params?: P) {
    const res = await ep(request(method, base + pathname, c), params ? { params } : undefined, fx.db);
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', headers: res.headers, body: text ? JSON.parse(text) : null };
  }
  const number = (n: string) => ({ number: n });

  beforeAll(async () => {
    fx = await openFixture(backend);
    keys.desk = await makeKey({ name: 'Call centre', role: 'desk', history: 'full' });
    keys.deskCustomer = await makeKey({ name: 'Website', role: 'desk', history: 'customer' });
    keys.service = await makeKey({ name: 'Service DMS', role: 'department', departmentId: fx.dept.service, history: 'full' });
    keys.parts = await makeKey({ name: 'Parts DMS', role: 'department', departmentId: fx.dept.parts, history: 'full' });
    keys.gm = await makeKey({ name: 'GM dashboard', role: 'gm', history: 'full' });
  });

  it('answers a call without a key, or with a made-up one, 401 as problem+json in the language asked for', async () => {
    const en = await call(listForms, 'GET', '/forms', { lang: 'en' });
    expect(en.status).toBe(401);
    expect(en.type).toMatch(/^application\/problem\+json/);
    expect(en.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(en.body).toMatchObject({ status: 401, code: 'unauthenticated', title: expect.stringContaining('API key') });
    const zh = await call(listForms, 'GET', '/forms', { lang: 'zh-CN,zh;q=0.9', key: `kesu_000000000000_${'A'.repeat(43)}` });
    expect(zh.status).toBe(401);
    expect(zh.body.title).toContain('接口密钥');
  });

  it('creates a form through the intake command, once per Idempotency-Key, with repeat detection', async () => {
    const first = await call(createForm, 'POST', '/forms', { key: keys.desk, body: { ...baseComplaint, channel: 'phone' }, headers: { 'Idempotency-Key': 'crm-4711' } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'received', channel: 'phone', category: 'attitude', department: 'service', version: 1 });
    expect(first.headers.get('location')).toBe(`/api/v1/forms/${first.body.number}`);
    expect(first.headers.get('etag')).toBe('"1"');
    expect(first.body.history[0]).toMatchObject({ type: 'create', actorName: 'API · Call centre' });
    const again = await call(createForm, 'POST', '/forms', { key: keys.desk, body: { ...baseComplaint, channel: 'phone' }, headers: { 'Idempotency-Key': 'crm-4711' } });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.number).toBe(first.body.number);
    expect((await fx.db.select().from(complaints).where(eq(complaints.number, first.body.number))).length).toBe(1);
    // Another key's same Idempotency-Key is another request: a new form, linked as a repeat (same phone and plate).
    const other = await call(createForm, 'POST', '/forms', { key: keys.deskCustomer, body: { ...baseComplaint, channel: 'phone' }, headers: { 'Idempotency-Key': 'crm-4711' } });
    expect(other.status).toBe(201);
    expect(other.body.number).not.toBe(first.body.number);
    expect(other.body.repeatOf).toContain(first.body.number);
  });

  it("refuses invalid input with the intake form's own messages, in English and in Chinese", async () => {
    const bad = { ...baseComplaint, customerName: '', description: 'x' };
    const en = await call(createForm, 'POST', '/forms', { key: keys.desk, body: bad, lang: 'en' });
    expect(en.status).toBe(422);
    expect(en.type).toMatch(/^application\/problem\+json/);
    expect(en.body.code).toBe('invalid_input');
    expect(Object.keys(en.body.errors)).toEqual(expect.arrayContaining(['customerName', 'description']));
    expect(en.body.errors.description[0]).toMatch(/[a-z]/);
    const zh = await call(createForm, 'POST', '/forms', { key: keys.desk, body: bad, lang: 'zh-CN' });
    expect(zh.status).toBe(422);
    expect(zh.body.errors.description[0]).toMatch(/[\u4e00-\u9fff]/);
    expect(zh.body.title).not.toBe(en.body.title);
    const json = await call(createForm, 'POST', '/forms', { key: keys.desk, body: undefined, headers: { 'Content-Type': 'application/json' }, lang: 'en' });
    expect(json.status).toBe(400);
    expect(json.body.code).toBe('badJson');
  });

  it('keys of each role and scope are allowed and refused as their staff identity would be', async () => {
    const parts = await fx.create(T0, { categoryCode: 'parts', customerPhone: '13900139002', plate: '粤B·12345', description: '配件缺货已经等了三周，没有人通知我到货时间。' });
    const create = { ...baseComplaint, customerPhone: '13700137003', plate: '粤C·55555' };
    const table: [string, Record<string, number>][] = [
      // key          list  read service  read parts  create  note on service  triage service
      ['desk', { list: 200, readService: 200, readParts: 200, create: 201, note: 201, triage: 200 }],
      ['service', { list: 200, readService: 200, readParts: 404, create: 403, note: 201, triage: 403 }],
      ['parts', { list: 200, readService: 404, readParts: 200, create: 403, note: 404, triage: 404 }],
      ['gm', { list: 200, readService: 200, readParts: 200, create: 403, note: 201, triage: 403 }],
    ];
    let n = 0;
    for (const [who, expected] of table) {
      const key = keys[who];
      // A fresh service department form each (the desk's triage moves its form on).
      const service = await fx.create(T0, { categoryCode: 'attitude', customerPhone: `1310013100${n}`, plate: `粤G·1000${n++}` });
      const got: Record<string, number> = {};
      const list = await call(listForms, 'GET', '/forms', { key });
      got.list = list.status;
      // A department key lists its own department's forms only.
      if (who === 'service') expect(list.body.items.every((i: { department: string }) => i.department === 'Service')).toBe(true);
      if (who === 'parts') expect(list.body.items.map((i: { number: string }) => i.number)).toEqual([parts.number]);
      got.readService = (await call(getForm, 'GET', `/forms/${service.number}`, { key }, number(service.number))).status;
      got.readParts = (await call(getForm, 'GET', `/forms/${parts.number}`, { key }, number(parts.number))).status;
      got.create = (await call(createForm, 'POST', '/forms', { key, body: create })).status;
      got.note = (await call(addNote, 'POST', `/forms/${service.number}/notes`, { key, body: { text: `note by ${who}` } }, number(service.number))).status;
      const version = (await service.row()).version;
      got.triage = (
        await call(fireEvent, 'POST', `/forms/${service.number}/events`, { key, body: { event: 'triage', version, input: { departmentId: fx.dept.service, severity: 'general', followUpWanted: true } } }, number(service.number))
      ).status;
      expect({ who, ...got }).toEqual({ who, ...expected });
    }
  });

  it('checks the version: If-Match or `version`, a stale one refused with the form page\'s message, none asked for', async () => {
    const form = await fx.create(T0, { categoryCode: 'attitude', customerPhone: '13600136004', plate: '粤D·66666' });
    const read = await call(getForm, 'GET', `/forms/${form.number}`, { key: keys.desk }, number(form.number));
    const tag = read.headers.get('etag')!;
    const triage = { event: 'triage', input: { departmentId: fx.dept.service, severity: 'important', followUpWanted: true } };
    const none = await call(fireEvent, 'POST', `/forms/${form.number}/events`, { key: keys.desk, body: triage, lang: 'en' }, number(form.number));
    expect(none.status).toBe(428);
    expect(none.body.code).toBe('versionRequired');
    const ok = await call(fireEvent, 'POST', `/forms/${form.number}/events`, { key: keys.desk, body: triage, headers: { 'If-Match': tag } }, number(form.number));
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'investigating', version: 2 });
    const stale = await call(fireEvent, 'POST', `/forms/${form.number}/events`, { key: keys.desk, body: { event: 'note', input: { text: 'late' } }, headers: { 'If-Match': tag }, lang: 'en' }, number(form.number));
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'stale_version', title: expect.stringContaining('API · Call centre') });
    const staleZh = await call(fireEvent, 'POST', `/forms/${form.number}/events`, { key: keys.desk, body: { event: 'note', version: 1, input: { text: 'late' } }, lang: 'zh-CN' }, number(form.number));
    expect(staleZh.status).toBe(409);
    expect(staleZh.body.title).toMatch(/[\u4e00-\u9fff]/);
    // Nothing was applied twice: one triage in the history.
    const history = await call(listEvents, 'GET', `/forms/${form.number}/events`, { key: keys.desk }, number(form.number));
    expect(history.body.items.filter((e: { type: string }) => e.type === 'triage')).toHaveLength(1);
    // The procedure's guards: the desk may not fire the department's event.
    const wrong = await call(fireEvent, 'POST', `/forms/${form.number}/events`, { key: keys.desk, body: { event: 'approve_final', version: 2, input: {} }, lang: 'en' }, number(form.number));
    expect([403, 409]).toContain(wrong.status);
    expect(wrong.type).toMatch(/^application\/problem\+json/);
  });

  it('reads the customer-visible history with a customer-scope key, all of it with a full one', async () => {
    const form = await fx.create(T0, { categoryCode: 'attitude', customerPhone: '13500135005', plate: '粤E·77777' });
    await call(addNote, 'POST', `/forms/${form.number}/notes`, { key: keys.desk, body: { text: 'internal: check the CCTV' } }, number(form.number));
    await call(addNote, 'POST', `/forms/${form.number}/notes`, { key: keys.desk, body: { text: 'We are looking into it.', customerVisible: true } }, number(form.number));
    const full = await call(getForm, 'GET', `/forms/${form.number}`, { key: keys.desk }, number(form.number));
    const customer = await call(getForm, 'GET', `/forms/${form.number}`, { key: keys.deskCustomer }, number(form.number));
    const texts = (h: { payload: { text?: string } }[]) => h.map((e) => e.payload.text).filter(Boolean);
    expect(texts(full.body.history)).toEqual(['internal: check the CCTV', 'We are looking into it.']);
    expect(texts(customer.body.history)).toEqual(['We are looking into it.']);
    expect(customer.body.history.every((e: { actorName: string; customerVisible: boolean }) => e.actorName === '' && e.customerVisible)).toBe(true);
  });

  it('uploads photos through the same content checks, worded in the language asked for', async () => {
    const form = await fx.create(T0, { categoryCode: 'attitude', customerPhone: '13400134006', plate: '粤F·88888' });
    const good = new FormData();
    good.append('files', new File([pngBytes()], '现场.png', { type: 'image/png' }));
    const up = await call(uploadAttachments, 'POST', `/forms/${form.number}/attachments`, { key: keys.service, body: good }, number(form.number));
    expect(up.status).toBe(201);
    expect(up.body.count).toBe(1);
    const read = await call(getForm, 'GET', `/forms/${form.number}`, { key: keys.desk }, number(form.number));
    expect(read.body.attachments).toEqual([expect.objectContaining({ filename: '现场.png', mime: 'image/png', fromCustomer: false })]);
    for (const [lang, word] of [['en', 'cannot be uploaded'], ['zh-CN', '无法上传']] as const) {
      const bad = new FormData();
      bad.append('files', new File(['<html><script>alert(1)</script></html>'], 'photo.jpg', { type: 'image/jpeg' }));
      const refused = await call(uploadAttachments, 'POST', `/forms/${form.number}/attachments`, { key: keys.service, body: bad, lang }, number(form.number));
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('upload_bad_type');
      expect(refused.body.title).toContain(lang === 'en' ? word : '');
    }
  });

  it('refuses a revoked key from its next call on, and records the last use', async () => {
    const token = await makeKey({ name: 'Short-lived', role: 'desk' });
    expect((await call(listForms, 'GET', '/forms', { key: token })).status).toBe(200);
    const [row] = await fx.db.select().from(apiKeys).where(eq(apiKeys.name, 'Short-lived'));
    expect(row.lastUsedAt).toBeInstanceOf(Date);
    expect(row.secretHash).not.toContain(token.slice(18));
    // The key's own staff row is the key's: never in the staff list, never able to sign in.
    const staff = await listStaff(fx.actors.admin, fx.db);
    expect(staff.some((u) => u.id === row.userId)).toBe(false);
    expect(await findUserForSignIn(`api-key:${row.prefix}`, fx.db)).toBeNull();
    await revokeApiKey({ id: row.id }, fx.actors.admin, fx.db);
    const refused = await call(listForms, 'GET', '/forms', { key: token, lang: 'en' });
    expect(refused.status).toBe(401);
    expect(refused.type).toMatch(/^application\/problem\+json/);

    // Revoked by another instance (this process still holds the key as verified): refused at once too.
    const other = await makeKey({ name: 'Revoked elsewhere', role: 'desk' });
    for (let i = 0; i < 2; i++) expect((await call(listForms, 'GET', '/forms', { key: other, query: 'limit=1' })).status).toBe(200);
    await fx.db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.name, 'Revoked elsewhere'));
    expect((await call(listForms, 'GET', '/forms', { key: other })).status).toBe(401);
  });

  it('limits the calls of each key per minute', async () => {
    process.env.KESU_API_RATE_LIMIT = '3';
    try {
      const token = await makeKey({ name: 'Busy', role: 'desk' });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await call(listForms, 'GET', '/forms', { key: token, query: 'limit=1' })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await call(listForms, 'GET', '/forms', { key: token, lang: 'en' });
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another key has its own budget.
      const other = await makeKey({ name: 'Quiet', role: 'desk' });
      expect((await call(listForms, 'GET', '/forms', { key: other, query: 'limit=1' })).status).toBe(200);
    } finally {
      delete process.env.KESU_API_RATE_LIMIT;
    }
  });

  it('pages the list by keyset cursors with the staff search filters', async () => {
    const first = await call(listForms, 'GET', '/forms', { key: keys.desk, query: 'limit=2' });
    expect(first.body.items).toHaveLength(2);
    const second = await call(listForms, 'GET', '/forms', { key: keys.desk, query: `limit=2&after=${first.body.next}` });
    const seen = new Set([...first.body.items, ...second.body.items].map((i: { number: string }) => i.number));
    expect(seen.size).toBe(first.body.items.length + second.body.items.length);
    const filtered = await call(listForms, 'GET', '/forms', { key: keys.desk, query: 'category=parts' });
    expect(filtered.body.items.length).toBeGreaterThan(0);
    expect(filtered.body.items.every((i: { category: string }) => i.category === 'Parts availability')).toBe(true);
    const bad = await call(listForms, 'GET', '/forms', { key: keys.desk, query: 'after=garbage', lang: 'en' });
    expect(bad.status).toBe(400);
  });
});
