/**
 * The features of a complaint for the classifier and for similar complaints: jieba words,
 * Chinese character bigrams, English stems, model names, glossary concepts (both languages meet
 * there), the rule signals of DESIGN §2a, and the channel. What the customer asks for
 * (the request) is featured apart: it decides between categories (money back → price, an
 * apology → attitude).
 */
import { glossaryConcepts } from './glossary';
import { normalize } from './normalize';
import { signals, type SignalName } from './signals';
import { tokens } from './tokens';
import type { TriageInput } from './labels';

export type FeatureVector = Map<string, number>;

export interface Analysed {
  features: FeatureVector;
  signals: Set<SignalName>;
}

function add(into: Map<string, number>, key: string, v = 1) {
  into.set(key, (into.get(key) ?? 0) + v);
}

/** The text features of one normalized text, with `prefix` before each, L2-normalised. */
function textFeatures(text: string, prefix: string): Map<string, number> {
  const raw = new Map<string, number>();
  const t = tokens(text);
  for (const w of t.zh) add(raw, `${prefix}w:${w}`);
  for (const b of t.bigrams) add(raw, `${prefix}b:${b}`);
  for (const e of t.en) add(raw, `${prefix}e:${e}`);
  for (const c of t.codes) add(raw, `${prefix}c:${c}`);
  for (const g of glossaryConcepts(text)) add(raw, `${prefix}g:${g}`, 2);
  let norm = 0;
  for (const [k, v] of raw) {
    const s = Math.log1p(v); // sub-linear counts: a word said five times is not five times the evidence
    raw.set(k, s);
    norm += s * s;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [k, v] of raw) raw.set(k, v / norm);
  return raw;
}

/** Features and signals of a complaint. */
export function analyse(input: TriageInput): Analysed {
  const text = normalize(input.text ?? '');
  const request = normalize(input.request ?? '');
  const features: FeatureVector = textFeatures(text, '');
  if (request) for (const [k, v] of textFeatures(request, 'r')) features.set(k, v * 0.7);
  const sig = signals(`${text} ${request}`);
  for (const s of sig) features.set(`s:${s}`, 1);
  const crisis = sig.has('crisis_media') || sig.has('crisis_spread') || sig.has('crisis_regulator') || sig.has('crisis_legal') || sig.has('crisis_group');
  if (crisis) features.set('s:crisis_any', 1);
  if (sig.has('unusable') && !sig.has('in_workshop')) features.set('s:unusable_now', 1);
  if (!sig.size) features.set('s:none', 1);
  if (input.channel) features.set(`ch:${input.channel}`, 1);
  features.set('bias', 1);
  return { features, signals: sig };
}
