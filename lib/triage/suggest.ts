import 'server-only';
/**
 * The desk's triage suggestion for one form (DESIGN §2a): the model's category, owning
 * department and severity with their confidence, and the crisis warning with the signals that
 * raised it, mapped onto this business's categories and the site's departments. A code the
 * business does not have (a renamed or retired category, a missing department) is not suggested.
 * The person always chooses: nothing here is written to the form.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { categories, departments } from '@/db/schema';
import type { StaffUser } from '@/db/queries/staff';
import type { TriageInput } from './labels';
import type { SignalName } from './signals';
import { TriageModel, type TriageModelJson } from './model';
import { starterModel, starterVersion } from './starter';
import { triageModels } from '@/db/schema';
import { loadTriageSettings } from './settings';

export interface ShownLabel {
  code: string;
  name: string;
  nameEn: string;
  confidence: number;
}

export interface TriageSuggestion {
  model: string;
  /** The admin's least confidence (0–1) for a label to be offered (lib/triage/settings.ts). */
  threshold: number;
  category: ShownLabel | null;
  department: (ShownLabel & { id: string }) | null;
  severity: { code: string; confidence: number };
  crisis: { flag: boolean; confidence: number; signals: SignalName[] };
}

/** Shorter than this (letters and characters), a text says too little to suggest anything. */
export const minSuggestLength = 6;

/** How long a process trusts its copy of the model in use before asking the database again. */
const modelCheckMs = 60_000;
const cache = globalThis as unknown as { kesuTriageModel?: { db: Db; checkedAt: number; id: string | null; version: string; model: TriageModel } };

/** Forgets this process's copy of the model in use (the training job just switched models). */
export function forgetModelInUse(): void {
  cache.kesuTriageModel = undefined;
}

/** The model suggestions use: the active business model (lib/triage/training.ts), else the starter. */
async function modelInUse(d: Db): Promise<{ version: string; model: TriageModel }> {
  const now = Date.now();
  const c = cache.kesuTriageModel;
  if (c && c.db === d && now - c.checkedAt < modelCheckMs) return c;
  const [active] = await d.select({ id: triageModels.id }).from(triageModels).where(eq(triageModels.active, true));
  if (c && c.db === d && c.id === (active?.id ?? null)) {
    c.checkedAt = now;
    return c;
  }
  let next: { version: string; model: TriageModel } = { version: starterVersion, model: starterModel() };
  if (active) {
    const [row] = await d.select({ version: triageModels.version, model: triageModels.model }).from(triageModels).where(eq(triageModels.id, active.id));
    if (row) next = { version: row.version, model: TriageModel.fromJSON(row.model as TriageModelJson) };
  }
  cache.kesuTriageModel = { db: d, checkedAt: now, id: active?.id ?? null, ...next };
  return next;
}

/**
 * What intake records of the model's view (the history's `triage.suggested`, beside what was
 * chosen), and what screens a customer's own words for a crisis: codes and confidences, rounded.
 */
export interface IntakeSuggestion {
  model: string;
  category: { code: string; confidence: number };
  department: { code: string; confidence: number };
  severity: { code: string; confidence: number };
  crisis: { flag: boolean; confidence: number; signals: SignalName[] };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export async function intakeSuggestion(input: TriageInput, db?: Db): Promise<IntakeSuggestion | null> {
  const letters = (input.text ?? '').replace(/[\s\p{P}\p{S}]/gu, '');
  if (letters.length < minSuggestLength) return null;
  const inUse = await modelInUse(db ?? (await getDb()));
  const s = inUse.model.suggest(input);
  const label = (l: { code: string; confidence: number }) => ({ code: l.code, confidence: round(l.confidence) });
  return {
    model: inUse.version,
    category: label(s.category),
    department: label(s.department),
    severity: label(s.severity),
    crisis: { flag: s.crisis.flag, confidence: round(s.crisis.confidence), signals: s.crisis.signals },
  };
}

export async function suggestTriage(user: StaffUser, input: TriageInput & { siteId?: string }, db?: Db): Promise<TriageSuggestion | null> {
  const letters = (input.text ?? '').replace(/[\s\p{P}\p{S}]/gu, '');
  if (letters.length < minSuggestLength) return null;
  const d = db ?? (await getDb());
  const inUse = await modelInUse(d);
  const s = inUse.model.suggest(input);
  // A viewer sees suggestions for the site of the form (a group-wide viewer may open another's).
  const siteId = user.groupWide && input.siteId ? input.siteId : user.siteId;
  const [cat] = await d
    .select({ code: categories.code, name: categories.name, nameEn: categories.nameEn })
    .from(categories)
    .where(and(eq(categories.code, s.category.code), eq(categories.active, true)));
  const [dept] = await d
    .select({ id: departments.id, code: departments.code, name: departments.name, nameEn: departments.nameEn })
    .from(departments)
    .where(and(eq(departments.siteId, siteId), inArray(departments.code, [s.department.code])));
  const { confidencePercent } = await loadTriageSettings(d);
  return {
    model: inUse.version,
    threshold: confidencePercent / 100,
    category: cat ? { ...cat, confidence: s.category.confidence } : null,
    department: dept ? { ...dept, confidence: s.department.confidence } : null,
    severity: { code: s.severity.code, confidence: s.severity.confidence },
    crisis: s.crisis,
  };
}
