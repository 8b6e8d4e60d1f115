'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { roles } from '@/lib/workflow';
import { createUserSchema, departmentHandlersSchema, resetPasswordSchema, updateUserSchema } from '@/lib/admin/schemas';
import { createUserAction, resetPasswordAction, setDepartmentHandlersAction, setUserActiveAction, updateUserAction } from '../actions';
import { a11y, buttonClass, errorAt, Field, FormMessage, inputClass, secondaryButtonClass, useActionSubmit, useAdminResolver, useErrorText, type FormMessageState } from '../_components/fields';
import { maxLengthOf } from '@/lib/validation/limits';

type Choice = { id: string; name: string };

function RoleOptions() {
  const common = useTranslations('common');
  return <>{roles.map((r) => <option key={r} value={r}>{common(`roles.${r}`)}</option>)}</>;
}

export function CreateUserForm({ departments }: { departments: Choice[] }) {
  const t = useTranslations('admin.staff');
  const c = useTranslations('admin.common');
  const errorText = useErrorText();
  const router = useRouter();
  type In = z.input<typeof createUserSchema>;
  const blank: In = { login: '', name: '', role: 'desk', departmentId: '', password: '' };
  const { register, handleSubmit, formState, setError, reset } = useForm<In, unknown, z.output<typeof createUserSchema>>({
    resolver: useAdminResolver(createUserSchema),
    defaultValues: blank,
  });
  const { pending, message, run } = useActionSubmit(setError as never);
  const err = (name: keyof In) => errorText(name, errorAt(formState.errors, name));

  const submit = handleSubmit((values) =>
    run(
      () => createUserAction(values),
      (data) => {
        reset(blank);
        router.refresh();
        return t('created', { login: data!.login });
      },
    ),
  );

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-labelledby="staff-create">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <Field id="new-login" label={t('login')} error={err('login')}>
          <input {...a11y('new-login', err('login'))} maxLength={maxLengthOf(createUserSchema, 'login')} {...register('login')} autoComplete="off" autoCapitalize="none" spellCheck={false} className={inputClass} />
        </Field>
        <Field id="new-name" label={t('name')} error={err('name')}>
          <input {...a11y('new-name', err('name'))} maxLength={maxLengthOf(createUserSchema, 'name')} {...register('name')} autoComplete="off" className={inputClass} />
        </Field>
        <Field id="new-role" label={t('role')} error={err('role')}>
          <select {...a11y('new-role', err('role'))} {...register('role')} className={inputClass}><RoleOptions /></select>
        </Field>
        <Field id="new-departmentId" label={t('department')} error={err('departmentId')}>
          <select {...a11y('new-departmentId', err('departmentId'))} {...register('departmentId')} className={inputClass}>
            <option value="">{c('none')}</option>
            {departments.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
          </select>
        </Field>
        <Field id="new-password" label={t('password')} error={err('password')} hint={t('passwordHint')}>
          <input type="password" {...a11y('new-password', err('password'), true)} maxLength={maxLengthOf(createUserSchema, 'password')} {...register('password')} autoComplete="new-password" className={inputClass} />
        </Field>
      </div>
      <FormMessage message={message} />
      <button type="submit" disabled={pending} className={buttonClass}>{pending ? c('saving') : t('createSubmit')}</button>
    </form>
  );
}

export function EditUserForm({ user, departments }: { user: { id: string; role: string; departmentId: string | null; absentThrough: string | null }; departments: Choice[] }) {
  const t = useTranslations('admin.staff');
  const c = useTranslations('admin.common');
  const errorText = useErrorText();
  const router = useRouter();
  type In = z.input<typeof updateUserSchema>;
  const { register, handleSubmit, formState, setError } = useForm<In, unknown, z.output<typeof updateUserSchema>>({
    resolver: useAdminResolver(updateUserSchema),
    defaultValues: { id: user.id, role: user.role as In['role'], departmentId: user.departmentId ?? '', absentUntil: user.absentThrough ?? '' },
  });
  const { pending, message, run } = useActionSubmit(setError as never);
  const err = (name: keyof In) => errorText(name, errorAt(formState.errors, name));

  const submit = handleSubmit((values) =>
    run(
      () => updateUserAction(values),
      () => {
        router.refresh();
        return c('saved');
      },
    ),
  );

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-labelledby="edit-details">
      <input type="hidden" {...register('id')} />
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id="edit-role" label={t('role')} error={err('role')}>
          <select {...a11y('edit-role', err('role'))} {...register('role')} className={inputClass}><RoleOptions /></select>
        </Field>
        <Field id="edit-departmentId" label={t('department')} error={err('departmentId')}>
          <select {...a11y('edit-departmentId', err('departmentId'))} {...register('departmentId')} className={inputClass}>
            <option value="">{c('none')}</option>
            {departments.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
          </select>
        </Field>
        <Field id="edit-absentUntil" label={<>{t('absentUntil')} <span className="text-xs font-normal text-slate-600">{c('optional')}</span></>} error={err('absentUntil')} hint={t('absentHint')}>
          <input type="date" {...a11y('edit-absentUntil', err('absentUntil'), true)} {...register('absentUntil')} className={inputClass} />
        </Field>
      </div>
      <FormMessage message={message} />
      <button type="submit" disabled={pending} className={buttonClass}>{pending ? c('saving') : c('save')}</button>
    </form>
  );
}

export function ResetPasswordForm({ id }: { id: string }) {
  const t = useTranslations('admin.staff');
  const c = useTranslations('admin.common');
  const errorText = useErrorText();
  type In = z.input<typeof resetPasswordSchema>;
  const { register, handleSubmit, formState, setError, reset } = useForm<In>({ resolver: useAdminResolver(resetPasswordSchema), defaultValues: { id, password: '' } });
  const { pending, message, run } = useActionSubmit(setError as never);
  const err = errorText('password', errorAt(formState.errors, 'password'));

  const submit = handleSubmit((values) =>
    run(
      () => resetPasswordAction(values),
      () => {
        reset({ id, password: '' });
        return t('passwordReset');
      },
    ),
  );

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-labelledby="edit-password">
      <input type="hidden" {...register('id')} />
      <Field id="reset-password" label={t('newPassword')} error={err} hint={t('passwordHint')} className="max-w-sm">
        <input type="password" {...a11y('reset-password', err, true)} maxLength={maxLengthOf(resetPasswordSchema, 'password')} {...register('password')} autoComplete="new-password" className={inputClass} />
      </Field>
      <FormMessage message={message} />
      <button type="submit" disabled={pending} className={buttonClass}>{pending ? c('saving') : t('resetSubmit')}</button>
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
        className={active ? 'rounded border border-red-300 bg-white px-4 py-2 font-medium text-red-800 hover:bg-red-50 disabled:opacity-60' : buttonClass}
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
  const errorText = useErrorText();
  const router = useRouter();
  type In = z.input<typeof departmentHandlersSchema>;
  const { register, handleSubmit, formState, setError } = useForm<In, unknown, z.output<typeof departmentHandlersSchema>>({
    resolver: useAdminResolver(departmentHandlersSchema),
    defaultValues: {
      departmentId: department.id,
      headUserId: department.headUserId ?? '',
      primaryUserId: department.primaryUserId ?? '',
      secondaryUserId: department.secondaryUserId ?? '',
    },
  });
  const { pending, message, run } = useActionSubmit(setError as never);
  const positions = [
    ['headUserId', 'head'],
    ['primaryUserId', 'primary'],
    ['secondaryUserId', 'secondary'],
  ] as const;
  const titleId = `dept-${department.id}-title`;

  const submit = handleSubmit((values) =>
    run(
      () => setDepartmentHandlersAction(values),
      () => {
        router.refresh();
        return c('saved');
      },
    ),
  );

  return (
    <form onSubmit={submit} noValidate aria-labelledby={titleId} className="rounded border border-slate-200 p-3" data-testid={`handlers-${department.id}`}>
      <h3 id={titleId} className="mb-2 font-medium">{department.name}</h3>
      <input type="hidden" {...register('departmentId')} />
      <div className="grid gap-3 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-start">
        {positions.map(([field, position]) => {
          const id = `dept-${department.id}-${field}`;
          const err = errorText(field, errorAt(formState.errors, field));
          return (
            <Field key={field} id={id} label={t(`positions.${position}`)} error={err}>
              <select {...a11y(id, err)} {...register(field)} className={inputClass}>
                <option value="">{members.length ? c('none') : t('noMembers')}</option>
                {members.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
              </select>
            </Field>
          );
        })}
        <div className="sm:pt-6">
          <button type="submit" disabled={pending} className={secondaryButtonClass}>{pending ? c('saving') : c('save')}</button>
        </div>
      </div>
      <FormMessage message={message} />
    </form>
  );
}
