'use server';

import { revalidatePath } from 'next/cache';
import { lowSatisfaction, recordSurvey, SurveyError, type SurveyErrorCode } from '@/lib/complaints/survey';

export interface SurveyState {
  status: 'idle' | 'ok' | 'error';
  error?: SurveyErrorCode;
  low?: boolean;
}

/** The satisfaction survey: recorded only by this explicit POST (the page's GET records nothing). */
export async function surveyAction(_prev: SurveyState, formData: FormData): Promise<SurveyState> {
  const token = String(formData.get('token') ?? '');
  const rating = formData.get('rating');
  try {
    await recordSurvey({ token, rating: rating === null ? Number.NaN : String(rating), comment: String(formData.get('comment') ?? '') });
  } catch (err) {
    if (err instanceof SurveyError) return { status: 'error', error: err.code };
    throw err;
  }
  revalidatePath(`/track/${token}`);
  return { status: 'ok', low: Number(rating) <= lowSatisfaction };
}
