import 'server-only';
import { wordRefusals } from '@/lib/auth/action';
import { EightDError } from './errors';

/** The field names errors use for the 8D forms (labels under eightd.fields). */
export const eightdLabelNamespaces = ['eightd.fields'] as const;

/** Runs an 8D command and turns its refusals into messages the person can act on. */
export const eightdRefusals = <R>(run: () => Promise<R>): Promise<R> => wordRefusals(EightDError, 'eightd.errors', run);
