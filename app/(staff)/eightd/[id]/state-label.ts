import { getTranslations } from 'next-intl/server';

/** A form's state in words (workflow.states), never its code. */
export async function workflowStateLabel(): Promise<(state: string) => string> {
  const wf = await getTranslations('workflow.states');
  return (state) => (wf.has(state) ? wf(state as never) : '');
}
