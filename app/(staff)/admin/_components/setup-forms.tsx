'use client';

import type { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { severities } from '@/lib/workflow';
import { useState, type ReactNode } from 'react';
import type { ActionState } from '@/lib/auth/action';
import * as schemas from '@/lib/admin/schemas';
import { createCategoryAction, createDepartmentAction, createSiteAction, updateCategoryAction, updateDepartmentAction, updateSiteAction } from '../actions';
import { a11y, Field, inputClass } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { Section } from '@/components/ui/section';
import { SubmitButton } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { FormEnd, useAdminForm } from './fields';

type Choice = { id: string; name: string };
/** A department to route a category to; `staffed` false: nobody could act on its forms. */
type DeptChoice = { code: string; name: string; staffed: boolean };
type Register = ReturnType<typeof useForm>['register'];
/** What a shared field piece needs of its form. */
type Parts = { err: (n: string) => string | undefined; register: Register };

/** The set-up forms: zodResolver with the action's own schema. */
function useSetupForm<S extends z.ZodType<Record<string, unknown>, Record<string, unknown>>>(schema: S, defaults: z.input<S>) {
  const { err, register, ...rest } = useAdminForm<z.input<S>, z.output<S>>(zodResolver(schema as never) as never, defaults as never);
  // The set-up forms share field pieces (CodeField, NameFields) across schemas: their names are plain strings.
  return { ...rest, err: (name: string) => err(name as never), register: register as unknown as Register };
}

function CodeField({ id, err, register }: Parts & { id: string }) {
  const t = useTranslations('admin.setup');
  return (
    <Field id={id} label={t('code')} error={err('code')} hint={t('codeHint')}>
      <input {...a11y(id, err('code'), true)} {...register('code')} autoComplete="off" autoCapitalize="none" spellCheck={false} maxLength={30} className={`${inputClass} font-mono`} />
    </Field>
  );
}


/** A name input (of a department, category or site). */
function NameField({ id, name, label, err, register, className }: Parts & { id: string; name: 'name' | 'nameEn'; label: string; className?: string }) {
  return (
    <Field id={id} label={label} error={err(name)} className={className}>
      <input {...a11y(id, err(name))} {...register(name)} autoComplete="off" maxLength={100} className={inputClass} />
    </Field>
  );
}

function NameFields({ prefix, ...parts }: Parts & { prefix: string }) {
  const t = useTranslations('admin.setup');
  return (
    <>
      <NameField id={`${prefix}-name`} name="name" label={t('nameZh')} {...parts} />
      <NameField id={`${prefix}-nameEn`} name="nameEn" label={t('nameEn')} {...parts} />
    </>
  );
}

/**
 * The create form of a department, category or site, in its own titled card: its code, its names (`names`: the Chinese
 * and English pair; a site has one name, given as `fields`), `fields` of its own, and the submit.
 */
function CreateSetupForm(props: {
  schema: z.ZodType<Record<string, unknown>, Record<string, unknown>>;
  // never: each action takes its own schema's values, which the form's resolver has parsed.
  action: (values: never) => Promise<ActionState<{ code: string }>>;
  blank: Record<string, unknown>;
  /** The id prefix of the inputs and the heading that labels the form ('new-dept' → 'dept-create'). */
  prefix: string;
  labelledBy: string;
  created: 'departmentCreated' | 'categoryCreated' | 'siteCreated';
  submit: 'addDepartment' | 'addCategory' | 'addSite';
  grid: string;
  names?: boolean;
  fields?: (parts: Parts) => ReactNode;
  /** The space below the form's card: 'none' when it ends the page. */
  spacing?: 'none';
}) {
  const t = useTranslations('admin.setup');
  const { register, err, pending, message, onCreate } = useSetupForm(props.schema, props.blank);
  const parts = { register, err };
  // The card's heading names the form (its submit says the same).
  return (
    <Section id={props.labelledBy} title={t(props.submit)} card spacing={props.spacing}>
      <form onSubmit={onCreate(props.action as (values: unknown) => Promise<ActionState<{ code: string }>>, (data) => t(props.created, { code: data.code }))} noValidate className="space-y-3" aria-labelledby={props.labelledBy}>
        <div className={`grid gap-3 ${props.grid}`}>
          <CodeField id={`${props.prefix}-code`} {...parts} />
          {props.names !== false && <NameFields prefix={props.prefix} {...parts} />}
          {props.fields?.(parts)}
        </div>
        <FormEnd pending={pending} message={message} label={t(props.submit)} />
      </form>
    </Section>
  );
}

// ---- departments ---------------------------------------------------------------------------------

export function CreateDepartmentForm({ sites }: { sites: Choice[] | null }) {
  const t = useTranslations('admin.setup');
  return (
    <CreateSetupForm
      schema={schemas.createDepartmentSchema}
      action={createDepartmentAction}
      blank={{ code: '', name: '', nameEn: '', siteId: '' }}
      prefix="new-dept"
      labelledBy="dept-create"
      created="departmentCreated"
      submit="addDepartment"
      grid="sm:grid-cols-2 lg:grid-cols-4"
      fields={({ register, err }) =>
        sites && (
          <Field id="new-dept-siteId" label={t('site')} error={err('siteId')}>
            <Select {...a11y('new-dept-siteId', err('siteId'))} {...register('siteId')} blank={t('ownSite')} choices={sites.map((s) => ({ value: s.id, label: s.name }))} />
          </Field>
        )
      }
    />
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
  const { register, err, pending, message, onSave } = useSetupForm(schemas.updateDepartmentSchema, {
    id: department.id,
    name: department.name,
    nameEn: department.nameEn,
    headUserId: department.headUserId ?? '',
    primaryUserId: department.primaryUserId ?? '',
    secondaryUserId: department.secondaryUserId ?? '',
  });
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

function CategoryDefaults({ prefix, departments, initial = '', err, register }: Parts & { prefix: string; departments: DeptChoice[]; initial?: string }) {
  const t = useTranslations('admin.setup');
  const c = useTranslations('admin.common');
  const sev = useTranslations('workflow.severities');
  // Routing a category to a department nobody can act for is allowed (it may be staffed next),
  // but said where it is chosen: triage to it would be refused.
  const [chosen, setChosen] = useState(initial);
  const unstaffed = departments.find((d) => d.code === chosen && !d.staffed);
  const field = register('defaultDepartmentCode');
  const hint = unstaffed ? (
    <span className="font-medium text-amber-900" data-testid="unstaffed-choice">{t('unstaffedCategory', { name: unstaffed.name })}</span>
  ) : (
    t('defaultDepartmentHint')
  );
  return (
    <>
      <Field id={`${prefix}-defaultDepartmentCode`} label={t('defaultDepartment')} error={err('defaultDepartmentCode')} hint={hint}>
        <Select
          {...a11y(`${prefix}-defaultDepartmentCode`, err('defaultDepartmentCode'), true)}
          {...field}
          onChange={(e) => {
            setChosen(e.target.value);
            return field.onChange(e);
          }}
          blank={c('none')}
          choices={departments.map((d) => ({ value: d.code, label: d.name }))}
        />
      </Field>
      <Field id={`${prefix}-defaultSeverity`} label={t('defaultSeverity')} error={err('defaultSeverity')}>
        <Select {...a11y(`${prefix}-defaultSeverity`, err('defaultSeverity'))} {...register('defaultSeverity')} choices={severities.map((s) => ({ value: s, label: sev(s) }))} />
      </Field>
    </>
  );
}

export function CreateCategoryForm({ departments }: { departments: DeptChoice[] }) {
  return (
    <CreateSetupForm
      schema={schemas.createCategorySchema}
      action={createCategoryAction}
      blank={{ code: '', name: '', nameEn: '', defaultDepartmentCode: '', defaultSeverity: 'general' }}
      prefix="new-cat"
      labelledBy="cat-create"
      created="categoryCreated"
      submit="addCategory"
      grid="sm:grid-cols-2 lg:grid-cols-3"
      fields={(parts) => <CategoryDefaults prefix="new-cat" departments={departments} {...parts} />}
    />
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
  const { register, err, pending, message, onSave } = useSetupForm(schemas.updateCategorySchema, { ...category, defaultDepartmentCode: category.defaultDepartmentCode ?? '' });
  const submit = onSave(updateCategoryAction, c('saved'));
  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-labelledby="cat-edit">
      <input type="hidden" {...register('id')} />
      <div className="grid gap-3 sm:grid-cols-2">
        <NameFields prefix="edit-cat" err={err} register={register} />
        <CategoryDefaults prefix="edit-cat" departments={departments} initial={category.defaultDepartmentCode ?? ''} err={err} register={register} />
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
  return (
    <CreateSetupForm
      schema={schemas.createSiteSchema}
      action={createSiteAction}
      blank={{ code: '', name: '' }}
      prefix="new-site"
      labelledBy="site-create"
      created="siteCreated"
      submit="addSite"
      grid="sm:grid-cols-2"
      names={false}
      fields={(parts) => <NameField id="new-site-name" name="name" label={t('siteName')} {...parts} />}
      spacing="none"
    />
  );
}

export function RenameSiteForm({ site }: { site: { id: string; code: string; name: string } }) {
  const t = useTranslations('admin.setup');
  const c = useTranslations('admin.common');
  const { register, err, pending, message, onSave } = useSetupForm(schemas.updateSiteSchema, { id: site.id, name: site.name });
  const id = `site-${site.id}-name`;
  const submit = onSave(updateSiteAction, c('saved'));
  return (
    <form onSubmit={submit} noValidate className="space-y-2" aria-label={t('renameSite', { code: site.code })}>
      <input type="hidden" {...register('id')} />
      <div className="flex flex-wrap items-end gap-2">
        <NameField id={id} name="name" label={t('siteName')} err={err} register={register} className="min-w-0 flex-1" />
        <SubmitButton pending={pending} pendingLabel={c('saving')} look="secondary">{c('save')}</SubmitButton>
      </div>
      <FormMessage message={message} />
    </form>
  );
}
