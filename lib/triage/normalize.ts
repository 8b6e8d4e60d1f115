/**
 * One form of a complaint's text for every reader: NFKC (full-width letters, digits and
 * punctuation to their half-width forms, so １２３１５ is 12315), lower case, runs of white space
 * as one space.
 */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}
