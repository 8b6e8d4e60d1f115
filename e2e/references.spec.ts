import { expect, test, type APIRequestContext, type Browser } from './test';
import { actionId, actionState, callAction } from './action-http';
import { sharedState, type SharedLogin } from './helpers';

// Issue 14, findings 2, 7 and 8, as an insider would try them: server actions posted directly
// with references the pickers never offer, and the receipt opened from a link on another site.

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

async function staffRequest(browser: Browser, login: SharedLogin): Promise<APIRequestContext> {
  return (await browser.newContext({ storageState: sharedState(login) })).request;
}

async function formIdOf(request: APIRequestContext, number: string): Promise<string> {
  const html = await (await request.get(`/complaints/${number}`)).text();
  const id = html.match(new RegExp(`complaintId\\\\?"\\s*:\\s*\\\\?"(${uuid.source})`))?.[1];
  expect(id, 'the form id on its page').toBeTruthy();
  return id!;
}

/** A measure of the showings in the form's history (the label is in the page and in its RSC payload). */
async function showings(request: APIRequestContext, number: string): Promise<number> {
  const html = await (await request.get(`/complaints/${number}`)).text();
  return html.split('已查看回执（查询码）').length - 1;
}

async function newForm(desk: APIRequestContext, categoryCode = 'workmanship'): Promise<string> {
  const res = await callAction(desk, {
    page: '/desk',
    id: actionId('createComplaintAction'),
    args: [{ idempotencyKey: crypto.randomUUID(), input: { channel: 'phone', severity: 'general', customerLocale: 'zh-CN', customerName: '引用测试', customerPhone: '13800000077', categoryCode, description: '返修后异响依旧，第二次来店。' } }],
  });
  const state = await actionState<{ ok: boolean; data: { number: string } }>(res);
  expect(state.ok).toBe(true);
  return state.data.number;
}

test('a receipt opened from another site shows no code and writes nothing; from the form it is shown and recorded', async ({ browser }) => {
  const desk = await staffRequest(browser, 'desk');
  const number = await newForm(desk, 'attitude');
  const before = await showings(desk, number);
  for (const site of ['cross-site', 'same-site']) {
    const res = await desk.get(`/complaints/${number}/receipt`, { headers: { 'Sec-Fetch-Site': site, 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document' } });
    expect(res.status(), site).toBe(200);
    const html = await res.text();
    expect(html, site).toContain('data-testid="receipt-from-form-only"');
    expect(html, site).not.toContain('data-testid="receipt-code"');
    expect(html, site).not.toContain('/track/');
  }
  expect(await showings(desk, number)).toBe(before);
  // The same GET from the form page itself: the code is shown, and the showing recorded.
  const res = await desk.get(`/complaints/${number}/receipt`, { headers: { 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document' } });
  expect(await res.text()).toContain('data-testid="receipt-code"');
  expect(await showings(desk, number)).toBeGreaterThan(before);
});

test('references the pickers never offer are refused over HTTP: another site’s department, an admin in accountability', async ({ browser }) => {
  test.setTimeout(120_000);
  const [admin, desk, service, management, gm] = await Promise.all((['admin', 'desk', 'service', 'management', 'gm'] as const).map((l) => staffRequest(browser, l)));
  const apply = actionId('applyEventAction');

  // Another site with a service department of its own.
  const suffix = Date.now().toString(36);
  const site = await actionState<{ ok: boolean; data: { id: string } }>(await callAction(admin, { page: '/admin/sites', id: actionId('createSiteAction'), args: [{ code: `ref${suffix}`, name: `引用店${suffix}` }] }));
  expect(site.ok).toBe(true);
  const dept = await actionState<{ ok: boolean; data: { id: string } }>(
    await callAction(admin, { page: '/admin/departments', id: actionId('createDepartmentAction'), args: [{ code: 'service', name: `引用店服务部${suffix}`, nameEn: `Ref service ${suffix}`, siteId: site.data.id }] }),
  );
  expect(dept.ok).toBe(true);
  const staffHtml = await (await admin.get('/admin/staff')).text();
  // The row whose login is `admin`, and its edit link.
  const adminId = staffHtml.match(new RegExp(`>admin</td>[\\s\\S]*?/admin/staff/(${uuid.source})`))?.[1];
  expect(adminId, 'the admin’s id on /admin/staff').toBeTruthy();

  const number = await newForm(desk);
  const complaintId = await formIdOf(desk, number);
  const formHtml = await (await desk.get(`/complaints/${number}`)).text();
  const serviceId = formHtml.match(new RegExp(`<option value="(${uuid.source})">服务部</option>`))?.[1];
  expect(serviceId, 'this site’s service department in the triage form').toBeTruthy();
  const fire = async (who: APIRequestContext, event: string, expectedVersion: number, input: unknown) =>
    actionState<{ ok: boolean; code?: string; message?: string; fieldErrors?: Record<string, string[]> }>(
      await callAction(who, { page: `/complaints/${number}`, id: apply, args: [{ complaintId, number, event, expectedVersion, input }] }),
    );

  const crossTriage = await fire(desk, 'triage', 1, { departmentId: dept.data.id, severity: 'general', followUpWanted: false });
  expect(crossTriage).toMatchObject({ ok: false, code: 'unknown_reference' });
  expect(crossTriage.fieldErrors?.departmentId?.[0]).toContain('不属于本门店');
  expect(await fire(desk, 'triage', 1, { departmentId: serviceId, severity: 'general', followUpWanted: false })).toMatchObject({ ok: true });

  const determination = { founded: true, rootCause: '返修未按规范作业。', responsiblePerson: 'none', remedyProposal: { kind: 'repair', description: '免费返修。' }, preventiveAction: '返修后复检。', customerContacted: true };
  expect(await fire(service, 'submit_determination', 2, { ...determination, responsibleDepartmentId: dept.data.id })).toMatchObject({ ok: false, code: 'unknown_reference' });
  expect(await fire(service, 'submit_determination', 2, { ...determination, responsibleDepartmentId: serviceId })).toMatchObject({ ok: true });
  expect(await fire(management, 'approve_opinion', 3, { faultOpinion: '同意。' })).toMatchObject({ ok: true });
  expect(await fire(gm, 'approve_final', 4, { opinion: '同意。' })).toMatchObject({ ok: true });

  const handling = {
    remedyDelivered: { kind: 'repair', description: '已免费返修。' }, rootCause: '返修未按规范作业。', preventiveAction: '返修后复检。',
    customerWhen: '今天已修好。', customerHow: '免费返修。', customerCause: '返修时漏装垫片。', customerPrevention: '返修后逐项复检。',
    accountability: [{ userId: adminId, type: 'penalty', amountCents: 10_000, reason: '矩阵：管理员不应被追责。' }],
  };
  const named = await fire(management, 'complete_handling', 5, handling);
  expect(named).toMatchObject({ ok: false, code: 'unknown_reference' });
  expect(named.message).toContain('不能选择系统管理员');
  // Nothing was applied: the form still waits in accountability at the same version.
  expect(await fire(management, 'note', 5, { text: '仍在责任追究。' })).toMatchObject({ ok: true });
});
