import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { complaints, departments, users } from '@/db/schema';
import { createComplaint } from '@/lib/complaints/commands';
import { loadIntakeChoices } from '@/lib/complaints/intake';
import {
  countSites,
  createCategory,
  createDepartment,
  createSite,
  getDepartment,
  listCategories,
  listSites,
  updateCategory,
  updateDepartment,
  updateSite,
} from '@/lib/admin/setup';
import type { AdminViewer } from '@/lib/admin/viewer';
import { forEachBackend } from '@/tests/helpers/databases';
import { adminFixture, complaintInput, T0, type AdminFixture } from './fixtures';

forEachBackend('admin: sites, departments and categories', (backend) => {
  let fx: AdminFixture;
  let admin: AdminViewer;
  let desk: AdminViewer;
  beforeAll(async () => {
    fx = await adminFixture(await backend.open());
    admin = { id: fx.adminId, role: 'admin', siteId: fx.siteId };
    desk = { id: fx.desk.id, role: 'desk', siteId: fx.siteId };
  });

  it('adds a department and edits its names and handlers; a taken code is refused on its field', async () => {
    const { id } = await createDepartment({ code: ' Bodyshop ', name: '钣喷车间', nameEn: 'Body shop' }, admin, fx.db);
    const [row] = await fx.db.select().from(departments).where(eq(departments.id, id));
    expect(row).toMatchObject({ siteId: fx.siteId, code: 'bodyshop', name: '钣喷车间', nameEn: 'Body shop', headUserId: null });

    await expect(createDepartment({ code: 'bodyshop', name: '另一个', nameEn: 'Other' }, admin, fx.db)).rejects.toMatchObject({ code: 'code_taken', field: 'code' });
    await expect(createDepartment({ code: 'service', name: '售后', nameEn: 'Service' }, admin, fx.db)).rejects.toMatchObject({ code: 'code_taken', field: 'code' });
    await expect(createDepartment({ code: '1x', name: '坏代码', nameEn: 'Bad' }, admin, fx.db)).rejects.toThrow();

    const [member] = await fx.db
      .insert(users)
      .values({ siteId: fx.siteId, login: 'body.head', name: '钣喷主管', role: 'department', departmentId: id, passwordHash: 'not-a-hash' })
      .returning();
    await updateDepartment({ id, name: '钣金喷漆车间', nameEn: 'Body and paint', headUserId: member.id, primaryUserId: '', secondaryUserId: null }, admin, fx.db);
    expect(await getDepartment(id, fx.db)).toMatchObject({ name: '钣金喷漆车间', nameEn: 'Body and paint', headUserId: member.id, primaryUserId: null });
    // Somebody of another department cannot hold its positions.
    await expect(updateDepartment({ id, name: 'x', nameEn: 'x', primaryUserId: fx.desk.id }, admin, fx.db)).rejects.toMatchObject({
      code: 'not_in_department',
      field: 'primaryUserId',
    });
  });

  it('adds a category with a default department and severity: new forms land there; inactive ones take no forms', async () => {
    await expect(
      createCategory({ code: 'paint', name: '漆面', nameEn: 'Paintwork', defaultDepartmentCode: 'nosuch', defaultSeverity: 'important' }, admin, fx.db),
    ).rejects.toMatchObject({ code: 'unknown_department', field: 'defaultDepartmentCode' });
    const { id } = await createCategory({ code: 'paint', name: '漆面', nameEn: 'Paintwork', defaultDepartmentCode: 'bodyshop', defaultSeverity: 'important' }, admin, fx.db);
    await expect(
      createCategory({ code: 'PAINT', name: '重复', nameEn: 'Twice', defaultDepartmentCode: null, defaultSeverity: 'general' }, admin, fx.db),
    ).rejects.toMatchObject({ code: 'code_taken', field: 'code' });

    const user = { id: fx.desk.id, role: 'desk', siteId: fx.siteId } as Parameters<typeof loadIntakeChoices>[0];
    // The intake form starts at the category's severity.
    expect((await loadIntakeChoices(user, fx.db)).categories.find((c) => c.code === 'paint')?.defaultSeverity).toBe('important');
    const { complaint } = await createComplaint({ ...complaintInput, categoryCode: 'paint' }, fx.desk, { now: T0 }, fx.db);
    const [dept] = await fx.db.select().from(departments).where(eq(departments.code, 'bodyshop'));
    expect(complaint.departmentId).toBe(dept.id);

    await updateCategory({ id, name: '漆面质量', nameEn: 'Paint quality', defaultDepartmentCode: 'service', defaultSeverity: 'general', active: false }, admin, fx.db);
    expect((await listCategories(fx.db)).find((c) => c.id === id)).toMatchObject({ name: '漆面质量', defaultDepartmentCode: 'service', active: false });
    expect((await loadIntakeChoices(user, fx.db)).categories.map((c) => c.code)).not.toContain('paint');
    await expect(createComplaint({ ...complaintInput, categoryCode: 'paint' }, fx.desk, { now: T0 }, fx.db)).rejects.toMatchObject({ code: 'unknown_reference' });
    // The form filed before keeps its category.
    const [kept] = await fx.db.select().from(complaints).where(eq(complaints.id, complaint.id));
    expect(kept.categoryId).toBe(id);
  });

  it('lists the default site, adds and renames one; a taken code is refused', async () => {
    expect(await countSites(fx.db)).toBe(1);
    const { id } = await createSite({ code: 'east', name: '东区店' }, admin, fx.db);
    await expect(createSite({ code: 'main', name: '重复' }, admin, fx.db)).rejects.toMatchObject({ code: 'code_taken', field: 'code' });
    await updateSite({ id, name: '东区分店' }, admin, fx.db);
    const list = await listSites(fx.db);
    expect(list.map((s) => [s.code, s.name])).toEqual([
      ['main', '总店'],
      ['east', '东区分店'],
    ]);
    expect(list[0].departments).toBeGreaterThan(0);
    // A department of the new site may reuse a code of another site.
    const east = await createDepartment({ code: 'service', name: '售后服务部', nameEn: 'Service', siteId: id }, admin, fx.db);
    expect((await getDepartment(east.id, fx.db))?.siteId).toBe(id);
  });

  it('refuses anybody but an admin, changing nothing', async () => {
    await expect(createDepartment({ code: 'sneaky', name: '偷偷', nameEn: 'Sneaky' }, desk, fx.db)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(createCategory({ code: 'sneaky', name: '偷偷', nameEn: 'Sneaky', defaultDepartmentCode: null, defaultSeverity: 'general' }, desk, fx.db)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(createSite({ code: 'sneaky', name: '偷偷' }, desk, fx.db)).rejects.toMatchObject({ code: 'forbidden' });
    const [site] = await listSites(fx.db);
    await expect(updateSite({ id: site.id, name: '改名' }, desk, fx.db)).rejects.toMatchObject({ code: 'forbidden' });
    const [cat] = await listCategories(fx.db);
    await expect(updateCategory({ ...cat, name: '改名', active: false }, desk, fx.db)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await listCategories(fx.db)).some((c) => c.code === 'sneaky' || c.name === '改名')).toBe(false);
    expect((await listSites(fx.db))[0].name).toBe('总店');
  });
});
