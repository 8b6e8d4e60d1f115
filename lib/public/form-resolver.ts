/**
 * The web form's check in the browser: publicFormSchema through the localized resolver, worded
 * in the form's own labels. Its own module so that app/(public)/submit/submit-form.tsx can load
 * it (and zod with it) with import() when the customer first touches the form, not with the page.
 */
import type { Resolver } from 'react-hook-form';
import type { RootTranslator } from '@/lib/validation/messages';
import { localizedResolver } from '@/lib/validation/resolver';
import { publicFormSchema, type PublicFormInput } from './form-schema';

export function publicFormResolver(t: RootTranslator): Resolver<PublicFormInput> {
  return localizedResolver<PublicFormInput>(publicFormSchema, t, { labels: ['public.submit.fields'] });
}
