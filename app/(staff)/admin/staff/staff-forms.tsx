'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { roles } from '@/lib/workflow';
import { createUserSchema, departmentHandlersSchema, resetPasswordSchema, updateUserSchema } from '@/lib/admin/schemas';
import { createUserAction, resetPasswordAction, setDepartmentHandlersAction, setUserActiveAction, updateUserAction } from '../actions';
import { a11y, Field, inputClass } from '@/components/ui/field';
import { FormMessage, type FormMessageState } from '@/components/ui/form-message';
import { buttonClass, dangerButtonClass, SubmitButton } from '@/components/ui/button';
import { Select } from '@/components/ui/select';
import { FormEnd, useAdminForm, useAdminResolver } from '../_components/fields';
import { maxLengthOf } from '@/lib/validation/limits';

type Choice = { id: string; name: string };

/** The role and department of a staff member, in the create and the edit form (`prefix`: 'new', 'edit'). */
function RoleAndDepartment({ prefix, departments, err, register }: {
  prefix: string;
  departments: Choice[];
  err: (name: 'role' | 'departmentId') => string | undefined;
  register: (name: 'role' | 'departmentId') => UseFormRegisterReturn;
}) {
  const t = useTranslations('admin.staff');
  const c = useTranslations('admin.common');
  const common = useTranslations('common');
  return (
    <>
      <Field id={`${prefix}-role`} label={t('role')} error={err('role')}>
        <Select {...a11y(`${prefix}-role`, err('role'))} {...register('role')} choices={roles.map((r) => ({ value: r, label: common(`roles.${r}`) }))} />
      </Field>
      <Field id={`${prefix}-departmentId`} label={t('department')} error={err('departmentId')}>
        <Select {...a11y(`${prefix}-departmentId`, err('departmentId'))} {...register('departmentId')} blank={c('none')} choices={departments.map((d) => ({ value: d.id, label: d.name }))} />
      </Field>
    </>
  );
}

export function CreateUserForm({ departments }: { departments: Choice[] }) {
  const t = useTranslations('admin.staff');
  type In = z.input<typeof createUserSchema>;
  const blank: In = { login: '', name: '', role: 'desk', departmentId: '', password: '' };
  const { register, err, pending, message, onCreate } = useAdminForm<In, z.output<typeof createUserSchema>>(useAdminResolver(createUserSchema), blank);
  const submit = onCreate(createUserAction, (data) => t('created', { login: data.login }));

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-labelledby="staff-create">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <Field id="new-login" label={t('login')} error={err('login')}>
          <input {...a11y('new-login', err('login'))} maxLength={maxLengthOf(createUserSchema, 'login')} {...register('login')} autoComplete="off" autoCapitalize="none" spellCheck={false} className={inputClass} />
        </Field>
        <Field id="new-name" label={t('name')} error={err('name')}>
          <input {...a11y('new-name', err('name'))} maxLength={maxLengthOf(createUserSchema, 'name')} {...register('name')} autoComplete="off" className={inputClass} />
        </Field>
        <RoleAndDepartment prefix="new" departments={departments} err={err} register={register} />
        <Field id="new-password" label={t('password')} error={err('password')} hint={t('passwordHint')}>
          <input type="password" {...a11y('new-password', err('password'), true)} maxLength={maxLengthOf(createUserSchema, 'password')} {...register('password')} autoComplete="new-password" className={inputClass} />
        </Field>
      </div>
      <FormEnd pending={pending} message={message} label={t('createSubmit')} />
    </form>
  );
}

export function EditUserForm({ user, departments }: { user: { id: string; role: string; departmentId: string | null; absentThrough: string | null }; departments: Choice[] }) {
  const t = useTranslations('admin.staff');
  const c = useTranslations('admin.common');
  type In = z.input<typeof updateUserSchema>;
  const { register, err, pending, message, onSave } = useAdminForm<In, z.output<typeof updateUserSchema>>(useAdminResolver(updateUserSchema), {
    id: user.id,
    role: user.role as In['role'],
    departmentId: user.departmentId ?? '',
    absentUntil: user.absentThrough ?? '',
  });

  return (
    <form onSubmit={onSave(updateUserAction, c('saved'))} noValidate className="space-y-3" aria-labelledby="edit-details">
      <input type="hidden" {...register('id')} />
      <div className="grid gap-3 sm:grid-cols-3">
        <RoleAndDepartment prefix="edit" departments={departments} err={err} register={register} />
        <Field id="edit-absentUntil" label={<>{t('absentUntil')} <span className="text-xs font-normal text-slate-600">{c('optional')}</span></>} error={err('absentUntil')} hint={t('absentHint')}>
          <input type="date" {...a11y('edit-absentUntil', err('absentUntil'), true)} {...register('absentUntil')} className={inputClass} />
        </Field>
      </div>
      <FormEnd pending={pending} message={message} />
    </form>
  );
}

export function ResetPasswordForm({ id }: { id: string }) {
  const t = useTranslations('admin.staff');
  type In = z.input<typeof resetPasswordSchema>;
  const { form, register, err, pending, message, onSubmit } = useAdminForm<In>(useAdminResolver(resetPasswordSchema), { id, password: '' });
  const submit = onSubmit(resetPasswordAction, () => {
    form.reset({ id, password: '' });
    return t('passwordReset');
  });
  const error = err('password');

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-labelledby="edit-password">
      <input type="hidden" {...register('id')} />
      <Field id="reset-password" label={t('newPassword')} error={error} hint={t('passwordHint')} className="max-w-sm">
        <input type="password" {...a11y('reset-password', error, true)} maxLength={maxLengthOf(resetPasswordSchema, 'password')} {...register('password')} autoComplete="new-password" className={inputClass} />
      </Field>
      <FormEnd pending={pending} message={message} label={t('resetSubmit')} />
    </form>
  );
}

export function ActiveToggle({ id, active }: { id: string; active: boolean }) {
  const t = useTranslations('admin.staff');
  const c = useTranslations('admin.common');
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<FormMessageState>(null);
  return (
    <div className="space-y-2">
      <button
        type="button"
        disabled={pending}
        className={active ? dangerButtonClass : buttonClass}
        onClick={() =>
          startTransition(async () => {
            setMessage(null);
            const result = await setUserActiveAction({ id, active: !active });
            setMessage(result.ok ? { ok: true, text: active ? t('deactivated') : t('reactivated') } : { ok: false, text: result.message ?? c('failed') });
            if (result.ok) router.refresh();
          })
        }
      >
        {active ? t('deactivate') : t('reactivate')}
      </button>
      <FormMessage message={message} />
    </div>
  );
}

export function DepartmentHandlersForm({
  department,
  members,
}: {
  department: { id: string; name: string; headUserId: string | null; primaryUserId: string | null; secondaryUserId: string | null };
  members: Choice[];
}) {
  const t = useTranslations('admin.staff');
  const c = useTranslations('admin.common');
  type In = z.input<typeof departmentHandlersSchema>;
  const { register, err, pending, message, onSave } = useAdminForm<In, z.output<typeof departmentHandlersSchema>>(useAdminResolver(departmentHandlersSchema), {
    departmentId: department.id,
    headUserId: department.headUserId ?? '',
    primaryUserId: department.primaryUserId ?? '',
    secondaryUserId: department.secondaryUserId ?? '',
  });
  const positions = [
    ['headUserId', 'head'],
    ['primaryUserId', 'primary'],
    ['secondaryUserId', 'secondary'],
  ] as const;
  const titleId = `dept-${department.id}-title`;
  const memberChoices = members.map((m) => ({ value: m.id, label: m.name }));

  return (
    <form onSubmit={onSave(setDepartmentHandlersAction, c('saved'))} noValidate aria-labelledby={titleId} className="rounded border border-slate-200 p-3" data-testid={`handlers-${department.id}`}>
      <h3 id={titleId} className="mb-2 font-medium">{department.name}</h3>
      <input type="hidden" {...register('departmentId')} />
      <div className="grid gap-3 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-start">
        {positions.map(([field, position]) => {
          const id = `dept-${department.id}-${field}`;
          return (
            <Field key={field} id={id} label={t(`positions.${position}`)} error={err(field)}>
              <Select {...a11y(id, err(field))} {...register(field)} blank={members.length ? c('none') : t('noMembers')} choices={memberChoices} />
            </Field>
          );
        })}
        <div className="sm:pt-6">
          <SubmitButton pending={pending} pendingLabel={c('saving')} look="secondary">{c('save')}</SubmitButton>
        </div>
      </div>
      <FormMessage message={message} />
    </form>
  );
}
