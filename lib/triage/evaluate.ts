/**
 * Evaluation of the triage model and of similar complaints on a held-out set: per label accuracy
 * and macro-F1 beside the most-frequent-class baseline, crisis precision and recall, similar
 * complaints hit@1/hit@5, training time and suggestion latency. Used by `npm run triage:eval`.
 */
import { performance } from 'node:perf_hooks';
import type { LabelledComplaint } from './labels';
import { TriageModel, type Suggestion } from './model';
import { SimilarityIndex } from './similar';

export interface LabelScores {
  accuracy: number;
  macro_f1: number;
  baseline_accuracy: number;
  baseline_macro_f1: number;
}

export interface EvalReport {
  labels: Record<'category' | 'department' | 'severity' | 'crisis', LabelScores>;
  crisis: { precision: number; recall: number };
  similar: { hit1: number; hit5: number; queries: number };
  train_s: number;
  latency_ms: { p50: number; p95: number };
}

export function accuracy(gold: string[], pred: string[]): number {
  if (!gold.length) return 0;
  return gold.filter((g, i) => g === pred[i]).length / gold.length;
}

/** Macro-F1 over the classes present in gold or prediction. */
export function macroF1(gold: string[], pred: string[]): number {
  const classes = [...new Set([...gold, ...pred])];
  if (!classes.length) return 0;
  let sum = 0;
  for (const c of classes) {
    let tp = 0, fp = 0, fn = 0;
    for (let i = 0; i < gold.length; i++) {
      if (pred[i] === c && gold[i] === c) tp++;
      else if (pred[i] === c) fp++;
      else if (gold[i] === c) fn++;
    }
    sum += tp ? (2 * tp) / (2 * tp + fp + fn) : 0;
  }
  return sum / classes.length;
}

export function mostFrequent(xs: string[]): string {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '';
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : 0;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function scoreLabel(gold: string[], pred: string[], trainLabels: string[]): LabelScores {
  const base = gold.map(() => mostFrequent(trainLabels));
  return {
    accuracy: round(accuracy(gold, pred)),
    macro_f1: round(macroF1(gold, pred)),
    baseline_accuracy: round(accuracy(gold, base)),
    baseline_macro_f1: round(macroF1(gold, base)),
  };
}

/** Similar-complaint hits: each `test` line with a cluster queries an index of train + test. */
export function similarHits(train: LabelledComplaint[], test: LabelledComplaint[]) {
  const index = new SimilarityIndex<LabelledComplaint>();
  for (const d of [...train, ...test]) index.add(d, `${d.text} ${d.request}`);
  let hit1 = 0, hit5 = 0, queries = 0;
  for (const q of test) {
    if (!q.cluster) continue;
    queries++;
    const hits = index.query(`${q.text} ${q.request}`, 5, (d) => d.id === q.id);
    if (hits[0]?.item.cluster === q.cluster) hit1++;
    if (hits.some((h) => h.item.cluster === q.cluster)) hit5++;
  }
  return { hit1: queries ? round(hit1 / queries) : 0, hit5: queries ? round(hit5 / queries) : 0, queries };
}

export function evaluate(train: LabelledComplaint[], test: LabelledComplaint[]): EvalReport {
  const t0 = performance.now();
  const model = TriageModel.train(train);
  const train_s = (performance.now() - t0) / 1000;
  const preds: Suggestion[] = [];
  const latencies: number[] = [];
  for (const d of test) {
    const s = performance.now();
    preds.push(model.suggest(d));
    latencies.push(performance.now() - s);
  }
  const labels = {
    category: scoreLabel(test.map((d) => d.category), preds.map((p) => p.category.code), train.map((d) => d.category)),
    department: scoreLabel(test.map((d) => d.department), preds.map((p) => p.department.code), train.map((d) => d.department)),
    severity: scoreLabel(test.map((d) => d.severity), preds.map((p) => p.severity.code), train.map((d) => d.severity)),
    crisis: scoreLabel(test.map((d) => String(d.crisis)), preds.map((p) => String(p.crisis.flag)), train.map((d) => String(d.crisis))),
  };
  let tp = 0, fp = 0, fn = 0;
  test.forEach((d, i) => {
    const p = preds[i].crisis.flag;
    if (p && d.crisis) tp++;
    else if (p) fp++;
    else if (d.crisis) fn++;
  });
  return {
    labels,
    crisis: { precision: round(tp + fp ? tp / (tp + fp) : 0), recall: round(tp + fn ? tp / (tp + fn) : 0) },
    similar: similarHits(train, test),
    train_s: round(train_s),
    latency_ms: { p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)) },
  };
}

/** Parses JSON lines of labelled complaints, with the line number in any error. */
export function parseJsonl(text: string, source = 'input'): LabelledComplaint[] {
  return text
    .split('\n')
    .map((l, i) => [l.trim(), i + 1] as const)
    .filter(([l]) => l)
    .map(([l, n]) => {
      let o: Partial<LabelledComplaint>;
      try {
        o = JSON.parse(l);
      } catch {
        throw new Error(`${source}:${n}: not JSON`);
      }
      if (typeof o.text !== 'string' || typeof o.category !== 'string' || typeof o.department !== 'string' || typeof o.severity !== 'string' || typeof o.crisis !== 'boolean') {
        throw new Error(`${source}:${n}: needs text, category, department, severity and crisis`);
      }
      return { id: String(o.id ?? `${source}-${n}`), text: o.text, request: o.request ?? '', channel: o.channel ?? 'web', category: o.category, department: o.department, severity: o.severity, crisis: o.crisis, cluster: o.cluster ?? null } as LabelledComplaint;
    });
}
