import 'server-only';
/**
 * Learning from the business's own closed forms (issue 20): the final category, owning department
 * and severity of archived and rejected forms are the labels, the customer's words and request the
 * input. A run holds out a fifth of the forms (chosen by id, the same fifth each time for the same
 * forms), trains on the rest, and scores the new model and the one in use (the active business
 * model, else the starter) on that held-out fifth. The new model is stored with its scores either
 * way, and becomes the active one only when it validates at least as well as the one in use.
 * Below `minForms` closed forms nothing is trained: the starter model serves.
 */
import { desc, eq, inArray, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { categories, complaints, departments, triageModels } from '@/db/schema';
import { scoreLabel, type LabelScores } from './evaluate';
import type { LabelledComplaint } from './labels';
import { TriageModel, type TriageModelJson } from './model';
import { starterModel, starterVersion } from './starter';
import { forgetModelInUse } from './suggest';

/** Closed forms needed before a business model is trained (KESU_TRIAGE_MIN_FORMS, 300 by default). */
export function minTrainingForms(): number {
  const n = Number(process.env.KESU_TRIAGE_MIN_FORMS);
  return Number.isInteger(n) && n >= 20 ? n : 300;
}

/** The closed forms of every site as labelled complaints (the newest `limit`). */
export async function closedForms(db: Db, limit = 100_000): Promise<LabelledComplaint[]> {
  const rows = await db
    .select({
      id: complaints.id,
      text: complaints.description,
      request: complaints.customerRequest,
      channel: complaints.channel,
      category: categories.code,
      department: departments.code,
      severity: complaints.severity,
    })
    .from(complaints)
    .innerJoin(categories, eq(categories.id, complaints.categoryId))
    .innerJoin(departments, eq(departments.id, complaints.departmentId))
    .where(inArray(complaints.status, ['archived', 'rejected']))
    .orderBy(desc(complaints.receivedAt))
    .limit(limit);
  return rows.map((r) => ({ ...r, request: r.request ?? '', channel: r.channel as LabelledComplaint['channel'], crisis: false, cluster: null }));
}

/** A stable fifth of the forms, by their id. */
export function heldOut(id: string): boolean {
  let h = 0;
  for (const ch of id) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return (h >>> 0) % 5 === 0;
}

export interface ValidatedScores {
  category: LabelScores;
  department: LabelScores;
  severity: LabelScores;
  /** one figure to compare two models by: the mean of category and department accuracy and severity macro-F1 */
  overall: number;
}

export function validate(model: TriageModel, train: LabelledComplaint[], test: LabelledComplaint[]): ValidatedScores {
  const preds = test.map((d) => model.suggest(d));
  const category = scoreLabel(test.map((d) => d.category), preds.map((p) => p.category.code), train.map((d) => d.category));
  const department = scoreLabel(test.map((d) => d.department), preds.map((p) => p.department.code), train.map((d) => d.department));
  const severity = scoreLabel(test.map((d) => d.severity), preds.map((p) => p.severity.code), train.map((d) => d.severity));
  return { category, department, severity, overall: Math.round(((category.accuracy + department.accuracy + severity.macro_f1) / 3) * 1000) / 1000 };
}

export type TrainingResult =
  | { outcome: 'too_few'; forms: number; needed: number }
  | { outcome: 'switched' | 'kept'; id: string; version: string; scores: ValidatedScores; current: { version: string; scores: ValidatedScores } };

/** The model suggestions use now: the active business model, else the starter. */
export async function currentModel(db: Db): Promise<{ version: string; model: TriageModel }> {
  const [row] = await db.select({ version: triageModels.version, model: triageModels.model }).from(triageModels).where(eq(triageModels.active, true));
  return row ? { version: row.version, model: TriageModel.fromJSON(row.model as TriageModelJson) } : { version: starterVersion, model: starterModel() };
}

export async function trainOnClosedForms(db?: Db, now = new Date()): Promise<TrainingResult> {
  const d = db ?? (await getDb());
  const forms = await closedForms(d);
  const needed = minTrainingForms();
  if (forms.length < needed) return { outcome: 'too_few', forms: forms.length, needed };
  const train = forms.filter((f) => !heldOut(f.id));
  const test = forms.filter((f) => heldOut(f.id));
  const model = TriageModel.train(train).withCrisisFrom(starterModel());
  const scores = validate(model, train, test);
  const current = await currentModel(d);
  const currentScores = validate(current.model, train, test);
  const better = scores.overall >= currentScores.overall;
  const version = `business-${now.toISOString().slice(0, 19).replace(/[-:T]/g, '')}`;
  const id = await d.transaction(async (tx) => {
    if (better) await tx.update(triageModels).set({ active: false }).where(eq(triageModels.active, true));
    const [row] = await tx
      .insert(triageModels)
      .values({
        version,
        trainedAt: now,
        trainSize: train.length,
        validateSize: test.length,
        scores: { ...scores, comparedWith: { version: current.version, ...currentScores } },
        model: model.toJSON(),
        active: better,
      })
      .returning({ id: triageModels.id });
    return row.id;
  });
  // This process suggests from the new model at once (others within a minute, lib/triage/suggest.ts).
  if (better) forgetModelInUse();
  return { outcome: better ? 'switched' : 'kept', id, version, scores, current: { version: current.version, scores: currentScores } };
}

/** The stored models, newest first, without their weights (for the admin and the tests). */
export async function listTriageModels(db?: Db) {
  const d = db ?? (await getDb());
  return d
    .select({ id: triageModels.id, version: triageModels.version, trainedAt: triageModels.trainedAt, trainSize: triageModels.trainSize, validateSize: triageModels.validateSize, scores: triageModels.scores, active: triageModels.active })
    .from(triageModels)
    .orderBy(desc(triageModels.trainedAt), sql`${triageModels.id}`);
}
