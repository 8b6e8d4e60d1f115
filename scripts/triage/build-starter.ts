/**
 * `npm run triage:starter`: trains the starter model on the project's labelled set
 * (tests/fixtures/triage/train.jsonl + test.jsonl) and writes lib/triage/starter-model.json,
 * which serves suggestions until a business has closed enough forms of its own, and its validated
 * scores (trained on train.jsonl, validated on test.jsonl) to lib/triage/starter-scores.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { evaluate, parseJsonl } from '../../lib/triage/evaluate';
import { TriageModel } from '../../lib/triage/model';

const fixtures = path.resolve(import.meta.dirname, '../../tests/fixtures/triage');
const [train, test] = ['train.jsonl', 'test.jsonl'].map((f) => parseJsonl(readFileSync(path.join(fixtures, f), 'utf8'), f));
const data = [...train, ...test];
const model = TriageModel.train(data);
const out = path.resolve(import.meta.dirname, '../../lib/triage/starter-model.json');
writeFileSync(out, JSON.stringify({ version: 'starter-1', trainedOn: data.length, model: model.toJSON() }));
console.log(`starter model: ${data.length} complaints → ${out}`);
// What the admin page shows of the starter (/admin/triage): its scores when trained on the train
// split alone and validated on the test split (as `npm run triage:eval`), beside the baseline.
const { labels, crisis } = evaluate(train, test);
const scoresOut = path.resolve(import.meta.dirname, '../../lib/triage/starter-scores.json');
writeFileSync(scoresOut, JSON.stringify({ version: 'starter-1', trainSize: train.length, validateSize: test.length, labels, crisis }, null, 2) + '\n');
console.log(`validated scores → ${scoresOut}`);
