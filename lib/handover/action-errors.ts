import 'server-only';
import { wordRefusals } from '@/lib/auth/action';
import { HandoverError } from './errors';

/** The field names errors use for the hand-over forms (labels under handover.form.fields). */
export const handoverLabelNamespaces = ['handover.form.fields'] as const;

/** Runs a hand-over and turns its refusals into messages the person can act on. */
export const handoverRefusals = <R>(run: () => Promise<R>): Promise<R> =>
  wordRefusals(HandoverError, 'handover.errors', run, (err) => (err.fieldErrors ? Object.keys(err.fieldErrors)[0] : undefined));
