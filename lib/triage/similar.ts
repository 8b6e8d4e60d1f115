/**
 * Similar complaints: earlier forms ranked by cosine similarity of TF-IDF vectors over jieba
 * words, Chinese bigrams, English stems, product/model names (such as "s7" or "x5") and the
 * bilingual glossary's concepts (so "sunroof leak" meets 天窗漏水). An inverted index answers a
 * query by touching only the forms that share a term with it. Pure: the caller loads the forms.
 */
import { glossaryConcepts } from './glossary';
import { normalize } from './normalize';
import { tokens } from './tokens';

/** The weighted terms of a text, before IDF. Names and concepts weigh more than words. */
export function terms(text: string): Map<string, number> {
  const t = normalize(text);
  const tk = tokens(t);
  const out = new Map<string, number>();
  const add = (k: string, w: number) => out.set(k, (out.get(k) ?? 0) + w);
  for (const w of tk.zh) add(`w:${w}`, 1);
  for (const b of tk.bigrams) add(`b:${b}`, 0.5);
  for (const e of tk.en) add(`e:${e}`, 1);
  for (const c of tk.codes) add(`c:${c}`, 2);
  // Model names written in Chinese with a Latin code (星驰S7): the code alone is kept above, the
  // Chinese name as a word by jieba; concepts bridge the two languages.
  for (const g of glossaryConcepts(t)) add(`g:${g}`, 2);
  for (const [k, v] of out) out.set(k, 1 + Math.log(v));
  return out;
}

export interface SimilarHit<T> {
  item: T;
  score: number;
}

export class SimilarityIndex<T> {
  private readonly docs: { item: T; terms: Map<string, number> }[] = [];
  private readonly postings = new Map<string, number[]>();
  private vectors: { v: Map<string, number>; norm: number }[] | null = null;

  add(item: T, text: string): void {
    const doc = { item, terms: terms(text) };
    const i = this.docs.push(doc) - 1;
    for (const k of doc.terms.keys()) {
      let p = this.postings.get(k);
      if (!p) this.postings.set(k, (p = []));
      p.push(i);
    }
    this.vectors = null;
  }

  get size(): number {
    return this.docs.length;
  }

  private idf(term: string): number {
    const df = this.postings.get(term)?.length ?? 0;
    return Math.log((1 + this.docs.length) / (1 + df)) + 1;
  }

  private weigh(t: Map<string, number>): { v: Map<string, number>; norm: number } {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [k, tf] of t) {
      const w = tf * this.idf(k);
      v.set(k, w);
      norm += w * w;
    }
    return { v, norm: Math.sqrt(norm) || 1 };
  }

  /** The `k` most similar items to `text` (score 0–1, best first), without those `exclude` rejects. */
  query(text: string, k = 5, exclude?: (item: T) => boolean): SimilarHit<T>[] {
    this.vectors ??= this.docs.map((d) => this.weigh(d.terms));
    const q = this.weigh(terms(text));
    const dot = new Map<number, number>();
    for (const [term, w] of q.v) {
      for (const i of this.postings.get(term) ?? []) {
        dot.set(i, (dot.get(i) ?? 0) + w * (this.vectors[i].v.get(term) ?? 0));
      }
    }
    const hits: SimilarHit<T>[] = [];
    for (const [i, d] of dot) {
      const item = this.docs[i].item;
      if (exclude?.(item)) continue;
      hits.push({ item, score: d / (q.norm * this.vectors[i].norm) });
    }
    hits.sort((a, b) => b.score - a.score);
    return hits.slice(0, k);
  }
}
