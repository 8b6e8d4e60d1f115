'use client';

import type { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { severities } from '@/lib/workflow';
import {
  createCategorySchema,
  createDepartmentSchema,
  createSiteSchema,
  updateCategorySchema,
  updateDepartmentSchema,
  updateSiteSchema,
} from '@/lib/admin/schemas';
import {
  createCategoryAction,
  createDepartmentAction,
  createSiteAction,
  updateCategoryAction,
  updateDepartmentAction,
  updateSiteAction,
} from '../actions';
import { a11y, Field, inputClass } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { SubmitButton } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { FormEnd, useAdminForm } from './fields';

type Choice = { id: string; name: string };
type DeptChoice = { code: string; name: string };

/** The set-up forms: zodResolver with the action's own schema. */
function useSetupForm<S extends z.ZodType<Record<string, unknown>, Record<string, unknown>>>(schema: S, defaults: z.input<S>) {
  const { err, ...rest } = useAdminForm<z.input<S>, z.output<S>>(zodResolver(schema as never) as never, defaults as never);
  return { err: (name: string) => err(name as never), ...rest };
}

function CodeField({ id, err, register }: { id: string; err: (n: string) => string | undefined; register: ReturnType<typeof useForm>['register'] }) {
  const t = useTranslations('admin.setup');
  return (
    <Field id={id} label={t('code')} error={err('code')} hint={t('codeHint')}>
      <input {...a11y(id, err('code'), true)} {...register('code')} autoComplete="off" autoCapitalize="none" spellCheck={false} maxLength={30} className={`${inputClass} font-mono`} />
    </Field>
  );
}

function NameFields({ prefix, err, register }: { prefix: string; err: (n: string) => string | undefined; register: ReturnType<typeof useForm>['register'] }) {
  const t = useTranslations('admin.setup');
  return (
    <>
      <Field id={`${prefix}-name`} label={t('nameZh')} error={err('name')}>
        <input {...a11y(`${prefix}-name`, err('name'))} {...register('name')} autoComplete="off" maxLength={100} className={inputClass} />
      </Field>
      <Field id={`${prefix}-nameEn`} label={t('nameEn')} error={err('nameEn')}>
        <input {...a11y(`${prefix}-nameEn`, err('nameEn'))} {...register('nameEn')} autoComplete="off" maxLength={100} className={inputClass} />
      </Field>
    </>
  );
}

// ---- departments ---------------------------------------------------------------------------------

export function CreateDepartmentForm({ sites }: { sites: Choice[] | null }) {
  const t = useTranslations('admin.setup');
  const c = useTranslations('admin.common');
  const blank = { code: '', name: '', nameEn: '', siteId: '' };
  const { form, err, pending, message, onSubmit, onSave, router } = useSetupForm(createDepartmentSchema, blank);
  const register = form.register as unknown as ReturnType<typeof useForm>['register'];
  const submit = onSubmit(createDepartmentAction, (data) => {
    form.reset(blank);
    router.refresh();
    return t('departmentCreated', { code: data!.code });
  });
  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-labelledby="dept-create">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <CodeField id="new-dept-code" err={err} register={register} />
        <NameFields prefix="new-dept" err={err} register={register} />
        {sites && (
          <Field id="new-dept-siteId" label={t('site')} error={err('siteId')}>
            <Select {...a11y('new-dept-siteId', err('siteId'))} {...register('siteId')} blank={t('ownSite')} choices={sites.map((s) => ({ value: s.id, label: s.name }))} />
          </Field>
        )}
      </div>
      <FormEnd pending={pending} message={message} label={t('addDepartment')} />
    </form>
  );
}

export function EditDepartmentForm({
  department,
  members,
}: {
  department: { id: string; name: string; nameEn: string; headUserId: string | null; primaryUserId: string | null; secondaryUserId: string | null };
  members: Choice[];
}) {
  const t = useTranslations('admin.setup');
  const st = useTranslations('admin.staff');
  const c = useTranslations('admin.common');
  const { form, err, pending, message, onSubmit, onSave, router } = useSetupForm(updateDepartmentSchema, {
    id: department.id,
    name: department.name,
    nameEn: department.nameEn,
    headUserId: department.headUserId ?? '',
    primaryUserId: department.primaryUserId ?? '',
    secondaryUserId: department.secondaryUserId ?? '',
  });
  const register = form.register as unknown as ReturnType<typeof useForm>['register'];
  const submit = onSave(updateDepartmentAction, c('saved'));
  const positions = [
    ['headUserId', 'head'],
    ['primaryUserId', 'primary'],
    ['secondaryUserId', 'secondary'],
  ] as const;
  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-labelledby="dept-edit">
      <input type="hidden" {...register('id')} />
      <div className="grid gap-3 sm:grid-cols-2">
        <NameFields prefix="edit-dept" err={err} register={register} />
      </div>
      <fieldset className="rounded border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium">{st('handlers')}</legend>
        <p className="mb-2 text-sm text-slate-700">{members.length ? st('handlersHint') : t('noMembersHint')}</p>
        <div className="grid gap-3 sm:grid-cols-3">
          {positions.map(([field, position]) => (
            <Field key={field} id={`edit-dept-${field}`} label={st(`positions.${position}`)} error={err(field)}>
              <Select {...a11y(`edit-dept-${field}`, err(field))} {...register(field)} blank={members.length ? c('none') : st('noMembers')} choices={members.map((m) => ({ value: m.id, label: m.name }))} />
            </Field>
          ))}
        </div>
      </fieldset>
      <FormEnd pending={pending} message={message} />
    </form>
  );
}

// ---- categories ----------------------------------------------------------------------------------

function CategoryDefaults({ prefix, departments, err, register }: { prefix: string; departments: DeptChoice[]; err: (n: string) => string | undefined; register: ReturnType<typeof useForm>['register'] }) {
  const t = useTranslations('admin.setup');
  const c = useTranslations('admin.common');
  const sev = useTranslations('workflow.severities');
  return (
    <>
      <Field id={`${prefix}-defaultDepartmentCode`} label={t('defaultDepartment')} error={err('defaultDepartmentCode')} hint={t('defaultDepartmentHint')}>
        <Select {...a11y(`${prefix}-defaultDepartmentCode`, err('defaultDepartmentCode'), true)} {...register('defaultDepartmentCode')} blank={c('none')} choices={departments.map((d) => ({ value: d.code, label: d.name }))} />
      </Field>
      <Field id={`${prefix}-defaultSeverity`} label={t('defaultSeverity')} error={err('defaultSeverity')}>
        <Select {...a11y(`${prefix}-defaultSeverity`, err('defaultSeverity'))} {...register('defaultSeverity')} choices={severities.map((s) => ({ value: s, label: sev(s) }))} />
      </Field>
    </>
  );
}

export function CreateCategoryForm({ departments }: { departments: DeptChoice[] }) {
  const t = useTranslations('admin.setup');
  const c = useTranslations('admin.common');
  const blank = { code: '', name: '', nameEn: '', defaultDepartmentCode: '', defaultSeverity: 'general' as const };
  const { form, err, pending, message, onSubmit, onSave, router } = useSetupForm(createCategorySchema, blank);
  const register = form.register as unknown as ReturnType<typeof useForm>['register'];
  const submit = onSubmit(createCategoryAction, (data) => {
    form.reset(blank);
    router.refresh();
    return t('categoryCreated', { code: data!.code });
  });
  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-labelledby="cat-create">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <CodeField id="new-cat-code" err={err} register={register} />
        <NameFields prefix="new-cat" err={err} register={register} />
        <CategoryDefaults prefix="new-cat" departments={departments} err={err} register={register} />
      </div>
      <FormEnd pending={pending} message={message} label={t('addCategory')} />
    </form>
  );
}

export function EditCategoryForm({
  category,
  departments,
}: {
  category: { id: string; name: string; nameEn: string; defaultDepartmentCode: string | null; defaultSeverity: (typeof severities)[number]; active: boolean };
  departments: DeptChoice[];
}) {
  const t = useTranslations('admin.setup');
  const c = useTranslations('admin.common');
  const { form, err, pending, message, onSubmit, onSave, router } = useSetupForm(updateCategorySchema, { ...category, defaultDepartmentCode: category.defaultDepartmentCode ?? '' });
  const register = form.register as unknown as ReturnType<typeof useForm>['register'];
  const submit = onSave(updateCategoryAction, c('saved'));
  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-labelledby="cat-edit">
      <input type="hidden" {...register('id')} />
      <div className="grid gap-3 sm:grid-cols-2">
        <NameFields prefix="edit-cat" err={err} register={register} />
        <CategoryDefaults prefix="edit-cat" departments={departments} err={err} register={register} />
      </div>
      <div className="flex items-start gap-2">
        <input type="checkbox" id="edit-cat-active" {...register('active')} className="mt-1 h-4 w-4" aria-describedby="edit-cat-active-hint" />
        <div>
          <label htmlFor="edit-cat-active" className="text-sm font-medium">{t('activeLabel')}</label>
          <p id="edit-cat-active-hint" className="text-xs text-slate-600">{t('activeHint')}</p>
        </div>
      </div>
      <FormEnd pending={pending} message={message} />
    </form>
  );
}

// ---- sites ---------------------------------------------------------------------------------------

export function CreateSiteForm() {
  const t = useTranslations('admin.setup');
  const c = useTranslations('admin.common');
  const blank = { code: '', name: '' };
  const { form, err, pending, message, onSubmit, onSave, router } = useSetupForm(createSiteSchema, blank);
  const register = form.register as unknown as ReturnType<typeof useForm>['register'];
  const submit = onSubmit(createSiteAction, (data) => {
    form.reset(blank);
    router.refresh();
    return t('siteCreated', { code: data!.code });
  });
  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-labelledby="site-create">
      <div className="grid gap-3 sm:grid-cols-2">
        <CodeField id="new-site-code" err={err} register={register} />
        <Field id="new-site-name" label={t('siteName')} error={err('name')}>
          <input {...a11y('new-site-name', err('name'))} {...register('name')} autoComplete="off" maxLength={100} className={inputClass} />
        </Field>
      </div>
      <FormEnd pending={pending} message={message} label={t('addSite')} />
    </form>
  );
}

export function RenameSiteForm({ site }: { site: { id: string; code: string; name: string } }) {
  const t = useTranslations('admin.setup');
  const c = useTranslations('admin.common');
  const { form, err, pending, message, onSubmit, onSave, router } = useSetupForm(updateSiteSchema, { id: site.id, name: site.name });
  const register = form.register as unknown as ReturnType<typeof useForm>['register'];
  const id = `site-${site.id}-name`;
  const submit = onSave(updateSiteAction, c('saved'));
  return (
    <form onSubmit={submit} noValidate className="space-y-2" aria-label={t('renameSite', { code: site.code })}>
      <input type="hidden" {...register('id')} />
      <div className="flex flex-wrap items-end gap-2">
        <Field id={id} label={t('siteName')} error={err('name')} className="min-w-0 flex-1">
          <input {...a11y(id, err('name'))} {...register('name')} autoComplete="off" maxLength={100} className={inputClass} />
        </Field>
        <SubmitButton pending={pending} pendingLabel={c('saving')} look="secondary">{c('save')}</SubmitButton>
      </div>
      <FormMessage message={message} />
    </form>
  );
}
