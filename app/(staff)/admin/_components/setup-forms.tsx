'use client';

import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
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
import { a11y, buttonClass, errorAt, Field, FormMessage, inputClass, secondaryButtonClass, useActionSubmit, useErrorText } from './fields';

type Choice = { id: string; name: string };
type DeptChoice = { code: string; name: string };

/** The shared submit wiring of the set-up forms: zodResolver with the action's own schema. */
function useSetupForm<S extends z.ZodType<Record<string, unknown>, Record<string, unknown>>>(schema: S, defaults: z.input<S>) {
  const errorText = useErrorText();
  const form = useForm<z.input<S>, unknown, z.output<S>>({ resolver: zodResolver(schema as never) as never, defaultValues: defaults as never });
  const submit = useActionSubmit(form.setError as never);
  const err = (name: string) => errorText(name, errorAt(form.formState.errors, name));
  return { form, err, ...submit };
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
  const router = useRouter();
  const blank = { code: '', name: '', nameEn: '', siteId: '' };
  const { form, err, pending, message, run } = useSetupForm(createDepartmentSchema, blank);
  const register = form.register as unknown as ReturnType<typeof useForm>['register'];
  const submit = form.handleSubmit((values) =>
    run(
      () => createDepartmentAction(values),
      (data) => {
        form.reset(blank);
        router.refresh();
        return t('departmentCreated', { code: data!.code });
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-labelledby="dept-create">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <CodeField id="new-dept-code" err={err} register={register} />
        <NameFields prefix="new-dept" err={err} register={register} />
        {sites && (
          <Field id="new-dept-siteId" label={t('site')} error={err('siteId')}>
            <select {...a11y('new-dept-siteId', err('siteId'))} {...register('siteId')} className={inputClass}>
              <option value="">{t('ownSite')}</option>
              {sites.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </select>
          </Field>
        )}
      </div>
      <FormMessage message={message} />
      <button type="submit" disabled={pending} className={buttonClass}>{pending ? c('saving') : t('addDepartment')}</button>
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
  const router = useRouter();
  const { form, err, pending, message, run } = useSetupForm(updateDepartmentSchema, {
    id: department.id,
    name: department.name,
    nameEn: department.nameEn,
    headUserId: department.headUserId ?? '',
    primaryUserId: department.primaryUserId ?? '',
    secondaryUserId: department.secondaryUserId ?? '',
  });
  const register = form.register as unknown as ReturnType<typeof useForm>['register'];
  const submit = form.handleSubmit((values) =>
    run(
      () => updateDepartmentAction(values),
      () => {
        router.refresh();
        return c('saved');
      },
    ),
  );
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
              <select {...a11y(`edit-dept-${field}`, err(field))} {...register(field)} className={inputClass}>
                <option value="">{members.length ? c('none') : st('noMembers')}</option>
                {members.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
              </select>
            </Field>
          ))}
        </div>
      </fieldset>
      <FormMessage message={message} />
      <button type="submit" disabled={pending} className={buttonClass}>{pending ? c('saving') : c('save')}</button>
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
        <select {...a11y(`${prefix}-defaultDepartmentCode`, err('defaultDepartmentCode'), true)} {...register('defaultDepartmentCode')} className={inputClass}>
          <option value="">{c('none')}</option>
          {departments.map((d) => <option key={d.code} value={d.code}>{d.name}</option>)}
        </select>
      </Field>
      <Field id={`${prefix}-defaultSeverity`} label={t('defaultSeverity')} error={err('defaultSeverity')}>
        <select {...a11y(`${prefix}-defaultSeverity`, err('defaultSeverity'))} {...register('defaultSeverity')} className={inputClass}>
          {severities.map((s) => <option key={s} value={s}>{sev(s)}</option>)}
        </select>
      </Field>
    </>
  );
}

export function CreateCategoryForm({ departments }: { departments: DeptChoice[] }) {
  const t = useTranslations('admin.setup');
  const c = useTranslations('admin.common');
  const router = useRouter();
  const blank = { code: '', name: '', nameEn: '', defaultDepartmentCode: '', defaultSeverity: 'general' as const };
  const { form, err, pending, message, run } = useSetupForm(createCategorySchema, blank);
  const register = form.register as unknown as ReturnType<typeof useForm>['register'];
  const submit = form.handleSubmit((values) =>
    run(
      () => createCategoryAction(values),
      (data) => {
        form.reset(blank);
        router.refresh();
        return t('categoryCreated', { code: data!.code });
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-labelledby="cat-create">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <CodeField id="new-cat-code" err={err} register={register} />
        <NameFields prefix="new-cat" err={err} register={register} />
        <CategoryDefaults prefix="new-cat" departments={departments} err={err} register={register} />
      </div>
      <FormMessage message={message} />
      <button type="submit" disabled={pending} className={buttonClass}>{pending ? c('saving') : t('addCategory')}</button>
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
  const router = useRouter();
  const { form, err, pending, message, run } = useSetupForm(updateCategorySchema, { ...category, defaultDepartmentCode: category.defaultDepartmentCode ?? '' });
  const register = form.register as unknown as ReturnType<typeof useForm>['register'];
  const submit = form.handleSubmit((values) =>
    run(
      () => updateCategoryAction(values),
      () => {
        router.refresh();
        return c('saved');
      },
    ),
  );
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
      <FormMessage message={message} />
      <button type="submit" disabled={pending} className={buttonClass}>{pending ? c('saving') : c('save')}</button>
    </form>
  );
}

// ---- sites ---------------------------------------------------------------------------------------

export function CreateSiteForm() {
  const t = useTranslations('admin.setup');
  const c = useTranslations('admin.common');
  const router = useRouter();
  const blank = { code: '', name: '' };
  const { form, err, pending, message, run } = useSetupForm(createSiteSchema, blank);
  const register = form.register as unknown as ReturnType<typeof useForm>['register'];
  const submit = form.handleSubmit((values) =>
    run(
      () => createSiteAction(values),
      (data) => {
        form.reset(blank);
        router.refresh();
        return t('siteCreated', { code: data!.code });
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-labelledby="site-create">
      <div className="grid gap-3 sm:grid-cols-2">
        <CodeField id="new-site-code" err={err} register={register} />
        <Field id="new-site-name" label={t('siteName')} error={err('name')}>
          <input {...a11y('new-site-name', err('name'))} {...register('name')} autoComplete="off" maxLength={100} className={inputClass} />
        </Field>
      </div>
      <FormMessage message={message} />
      <button type="submit" disabled={pending} className={buttonClass}>{pending ? c('saving') : t('addSite')}</button>
    </form>
  );
}

export function RenameSiteForm({ site }: { site: { id: string; code: string; name: string } }) {
  const t = useTranslations('admin.setup');
  const c = useTranslations('admin.common');
  const router = useRouter();
  const { form, err, pending, message, run } = useSetupForm(updateSiteSchema, { id: site.id, name: site.name });
  const register = form.register as unknown as ReturnType<typeof useForm>['register'];
  const id = `site-${site.id}-name`;
  const submit = form.handleSubmit((values) =>
    run(
      () => updateSiteAction(values),
      () => {
        router.refresh();
        return c('saved');
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate className="space-y-2" aria-label={t('renameSite', { code: site.code })}>
      <input type="hidden" {...register('id')} />
      <div className="flex flex-wrap items-end gap-2">
        <Field id={id} label={t('siteName')} error={err('name')} className="min-w-0 flex-1">
          <input {...a11y(id, err('name'))} {...register('name')} autoComplete="off" maxLength={100} className={inputClass} />
        </Field>
        <button type="submit" disabled={pending} className={secondaryButtonClass}>{pending ? c('saving') : c('save')}</button>
      </div>
      <FormMessage message={message} />
    </form>
  );
}
