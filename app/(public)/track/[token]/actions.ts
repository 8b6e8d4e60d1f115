'use server';

import { z } from 'zod';
import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { publicAction, UserFacingError } from '@/lib/auth/action';
import { lowSatisfaction, recordSurvey, SurveyError } from '@/lib/complaints/survey';

/** The survey as posted; recordSurvey checks the rating and the comment (its refusals have their own sentences). */
const postedSurveySchema = z.object({ token: z.string().default(''), rating: z.string().optional(), comment: z.string().default('') });

/** The satisfaction survey: recorded only by this explicit POST (the page's GET records nothing). */
export const surveyAction = publicAction({ schema: postedSurveySchema }, async ({ token, rating, comment }) => {
  try {
    await recordSurvey({ token, rating: rating ?? Number.NaN, comment });
  } catch (err) {
    if (err instanceof SurveyError) throw new UserFacingError((await getTranslations('public.survey.errors'))(err.code), undefined, err.code);
    throw err;
  }
  revalidatePath(`/track/${token}`);
  return { low: Number(rating) <= lowSatisfaction };
});
