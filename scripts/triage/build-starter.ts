/**
 * `npm run triage:starter`: trains the starter model on the project's labelled set
 * (tests/fixtures/triage/train.jsonl + test.jsonl) and writes lib/triage/starter-model.json,
 * which serves suggestions until a business has closed enough forms of its own.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseJsonl } from '../../lib/triage/evaluate';
import { TriageModel } from '../../lib/triage/model';

const fixtures = path.resolve(import.meta.dirname, '../../tests/fixtures/triage');
const data = ['train.jsonl', 'test.jsonl'].flatMap((f) => parseJsonl(readFileSync(path.join(fixtures, f), 'utf8'), f));
const model = TriageModel.train(data);
const out = path.resolve(import.meta.dirname, '../../lib/triage/starter-model.json');
writeFileSync(out, JSON.stringify({ version: 'starter-1', trainedOn: data.length, model: model.toJSON() }));
console.log(`starter model: ${data.length} complaints → ${out}`);
