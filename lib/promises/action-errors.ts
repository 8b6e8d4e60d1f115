import 'server-only';
import { wordRefusals } from '@/lib/auth/action';
import { PromiseError } from './errors';

/** The field names errors use for the promise forms (labels under promises.form.fields). */
export const promiseLabelNamespaces = ['promises.form.fields'] as const;

/** Runs a promise command and turns its refusals into messages the person can act on. */
export const promiseRefusals = <R>(run: () => Promise<R>): Promise<R> =>
  wordRefusals(PromiseError, 'promises.errors', run, (err) => (err.code === 'due_in_past' ? 'dueOn' : undefined));
