import { describe, expect, it } from 'vitest';
import { SimilarityIndex, terms } from './similar';

describe('similar complaints', () => {
  it('meets the two languages through the glossary', () => {
    const t = terms('My sunroof leaks');
    const z = terms('天窗漏水');
    expect(t.has('g:sunroof') && z.has('g:sunroof')).toBe(true);
    expect(t.has('g:leak') && z.has('g:leak')).toBe(true);
  });

  it('ranks the same problem first, across wording, language and model names; excludes the query itself', () => {
    const index = new SimilarityIndex<string>();
    index.add('a', '星驰S7下雨天天窗漏水，顶棚湿了');
    index.add('b', '星驰S7的变速箱换挡顿挫');
    index.add('c', '快递员态度很差，包裹扔在门口');
    index.add('d', 'The sunroof of my S7 leaks when it rains');
    index.add('e', '账单多收了发动机清洗的钱');
    const hits = index.query('S7天窗渗水，车里都是水', 5, (id) => id === 'x');
    expect(hits[0].item).toBe('a');
    expect(hits.map((h) => h.item).slice(0, 2)).toContain('d');
    expect(hits.find((h) => h.item === 'c')).toBeUndefined();
    for (const h of hits) expect(h.score).toBeGreaterThan(0);
    expect(index.query('星驰S7下雨天天窗漏水，顶棚湿了', 5, (id) => id === 'a').map((h) => h.item)).not.toContain('a');
  });
});
