/**
 * Words of a complaint: Chinese runs segmented by jieba (@node-rs/jieba, whose native binary is
 * in the npm package: nothing is downloaded), Chinese character bigrams (robust to typos,
 * homophones and words the dictionary lacks), English words reduced to their Porter stems, and
 * product/model names (letters with digits, such as "x5" or "k3") kept whole.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { stemmer } from 'stemmer';

let jieba: Jieba | null = null;
function segmenter(): Jieba {
  // One dictionary load (~0.2 s) per process.
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const stopZh = new Set(['的', '了', '是', '我', '你', '他', '她', '们', '在', '也', '就', '都', '和', '有', '这', '那', '个', '吗', '呢', '吧', '啊', '呀', '着', '把', '被', '给', '说', '还', '又', '很', '就是', '我们', '你们', '一个', '没有', '什么', '这个', '那个', '现在', '已经']);
const stopEn = new Set(['the', 'a', 'an', 'and', 'or', 'to', 'of', 'in', 'on', 'at', 'for', 'is', 'it', 'my', 'i', 'me', 'we', 'you', 'your', 'was', 'were', 'be', 'been', 'have', 'has', 'had', 'this', 'that', 'with', 'from', 'by', 'as', 'are', 'our', 'they', 'them', 'their', 'its', 'so', 'but', 'if', 'then', 'there', 'he', 'she', 'his', 'her', 'do', 'did', 'am']);

/** Segmented Chinese words of a CJK run (punctuation and stop words dropped). */
export function zhWords(run: string): string[] {
  return segmenter()
    .cut(run, false)
    .filter((w) => /\p{Script=Han}/u.test(w) && !stopZh.has(w));
}

export interface Tokens {
  /** jieba words of the Chinese runs */
  zh: string[];
  /** character bigrams of the Chinese runs */
  bigrams: string[];
  /** Porter stems of the English words */
  en: string[];
  /** names with letters and digits (models, numbers such as 12315) */
  codes: string[];
}

/** The tokens of a normalized text (lib/triage/normalize.ts). */
export function tokens(text: string): Tokens {
  const out: Tokens = { zh: [], bigrams: [], en: [], codes: [] };
  for (const m of text.matchAll(/\p{Script=Han}+|[a-z0-9][a-z0-9'-]*/gu)) {
    const run = m[0];
    if (/\p{Script=Han}/u.test(run)) {
      out.zh.push(...zhWords(run));
      for (let i = 0; i + 1 < run.length; i++) out.bigrams.push(run.slice(i, i + 2));
      if (run.length === 1) out.bigrams.push(run);
    } else if (/\d/.test(run)) {
      if (/[a-z]/.test(run) || run.length >= 3) out.codes.push(run);
    } else {
      const w = run.replace(/'s$/, '').replace(/'/g, '');
      if (w.length > 1 && !stopEn.has(w)) out.en.push(stemmer(w));
    }
  }
  return out;
}
