import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { accuracy, evaluate, macroF1, mostFrequent, parseJsonl, percentile } from './evaluate';

const fixtures = path.resolve(import.meta.dirname, '../../tests/fixtures/triage');
const read = (f: string) => parseJsonl(readFileSync(path.join(fixtures, f), 'utf8'), f);

describe('evaluation measures', () => {
  it('accuracy, macro-F1, the baseline class and percentiles', () => {
    expect(accuracy(['a', 'b', 'b'], ['a', 'b', 'a'])).toBeCloseTo(2 / 3);
    // a: P=1/2 R=1 F=2/3; b: P=1 R=1/2 F=2/3
    expect(macroF1(['a', 'b', 'b'], ['a', 'b', 'a'])).toBeCloseTo(2 / 3);
    expect(mostFrequent(['x', 'y', 'y'])).toBe('y');
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
  });

  it('refuses a line without its labels, naming the line', () => {
    expect(() => parseJsonl('{"text":"x","category":"quality"}\n', 'b.jsonl')).toThrow(/b\.jsonl:1/);
  });
});

describe('npm run triage:eval on the project set', () => {
  it('reports every label against its baseline, the crisis and similar-complaint figures (printed, not tuned to)', () => {
    const train = read('train.jsonl');
    const test = read('test.jsonl');
    expect(train.length).toBeGreaterThanOrEqual(600);
    expect(test.length).toBeGreaterThanOrEqual(300);
    const r = evaluate(train, test);
    console.log(JSON.stringify(r));
    for (const s of Object.values(r.labels)) {
      // Whatever the figure, a learned model that does not beat "always the commonest label" is broken.
      expect(s.macro_f1).toBeGreaterThan(s.baseline_macro_f1);
    }
    expect(r.similar.queries).toBeGreaterThanOrEqual(30);
    expect(r.similar.hit5).toBeGreaterThanOrEqual(r.similar.hit1);
  });
});
