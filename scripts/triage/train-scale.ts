/**
 * `npx tsx scripts/triage/train-scale.ts [N]`: how long training takes on N closed forms (default
 * 100,000), made by repeating the project's labelled set with a serial number in each text so no
 * two are the same. Prints the seconds for features and training.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseJsonl } from '../../lib/triage/evaluate';
import { TriageModel } from '../../lib/triage/model';

const n = Number(process.argv[2] ?? 100_000);
const base = parseJsonl(readFileSync(path.resolve(import.meta.dirname, '../../tests/fixtures/triage/train.jsonl'), 'utf8'));
const data = Array.from({ length: n }, (_, i) => {
  const d = base[i % base.length];
  return { ...d, id: `s${i}`, text: `${d.text} 单号${100000 + i}` };
});
const t0 = performance.now();
TriageModel.train(data);
console.log(`trained on ${n} forms in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
