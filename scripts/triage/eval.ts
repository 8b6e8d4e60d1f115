/**
 * `npm run triage:eval -- --train A.jsonl --test B.jsonl [--json out.json]`: trains the triage
 * model on A as the training job would, predicts B and prints per label accuracy and macro-F1
 * beside the most-frequent-class baseline, crisis precision/recall, similar complaints hit@1/@5,
 * training time and suggestion latency. Defaults: the project's own set in tests/fixtures/triage.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { evaluate, parseJsonl } from '../../lib/triage/evaluate';

const fixtures = path.resolve(import.meta.dirname, '../../tests/fixtures/triage');
const { values } = parseArgs({
  options: {
    train: { type: 'string', default: path.join(fixtures, 'train.jsonl') },
    test: { type: 'string', default: path.join(fixtures, 'test.jsonl') },
    json: { type: 'string' },
  },
});
const train = parseJsonl(readFileSync(values.train!, 'utf8'), values.train);
const test = parseJsonl(readFileSync(values.test!, 'utf8'), values.test);
const r = evaluate(train, test);
const f = (x: number) => x.toFixed(3);
console.log(`triage:eval — train ${train.length} (${values.train}), test ${test.length} (${values.test})`);
console.log('label        accuracy  macro-F1   baseline acc  baseline F1');
for (const [name, s] of Object.entries(r.labels)) {
  console.log(`${name.padEnd(12)} ${f(s.accuracy).padStart(8)}  ${f(s.macro_f1).padStart(8)}   ${f(s.baseline_accuracy).padStart(12)}  ${f(s.baseline_macro_f1).padStart(11)}`);
}
console.log(`crisis       precision ${f(r.crisis.precision)}  recall ${f(r.crisis.recall)}`);
console.log(`similar      hit@1 ${f(r.similar.hit1)}  hit@5 ${f(r.similar.hit5)}  (${r.similar.queries} queries)`);
console.log(`training ${r.train_s.toFixed(2)} s; suggestion latency p50 ${r.latency_ms.p50} ms, p95 ${r.latency_ms.p95} ms`);
if (values.json) writeFileSync(values.json, JSON.stringify(r, null, 2) + '\n');
