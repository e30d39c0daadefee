import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { searchVariants, tidyExcerpt } from '../../src/lib/search-query';

describe('search: the query with numbers folded', () => {
  it('searches 8项规定 as typed and as 八项规定, requiring the folded number', () => {
    expect(searchVariants('8项规定')).toEqual([
      { query: '8项规定', mustContain: [] },
      { query: '八项规定', mustContain: ['八项'] },
    ]);
    expect(searchVariants('1921年')[1]).toEqual({ query: '一九二一年', mustContain: ['一九二一年'] });
    expect(searchVariants('一九二一年')[1]).toEqual({ query: '1921年', mustContain: ['1921年'] });
  });

  it('leaves queries without numbers, and lone numeral characters inside words, as typed', () => {
    for (const query of ['红船', '八项规定', '两个务必', '入党誓词']) expect(searchVariants(query)).toEqual([{ query, mustContain: [] }]);
  });

  it('always searches the query as typed first', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), (query) => searchVariants(query)[0]?.query === query.trim()));
  });
});

const pagefindExcerpts = [
  '现在许多“小节”都写进了纪律条文。 <mark>六项</mark>纪律：六条不能越过的线. 条例分则按<mark>六项</mark>纪律排列，每一<mark>项</mark>都是一条底线。下面作一简要归纳，并非',
  '课 中央<mark>八</mark><mark>项</mark><mark>规定</mark>：改进作风从这里起步. 2012年12月4日审议通过的中央<mark>八</mark><mark>项</mark><mark>规定</mark>，从中央政治局自身做起，十多年来深刻改变了党风政',
  '传承。 要点. <mark>1921</mark><mark>年</mark>7月23日，中共一大在上海开幕，最后一天转移到嘉兴南湖的游船上举行，宣告中国共产党正式成立。 2005<mark>年</mark>6月21',
];

describe('search: excerpts for Chinese readers', () => {
  it('has no half-width punctuation between Chinese words and no cut words at either end', () => {
    for (const excerpt of pagefindExcerpts.map(tidyExcerpt)) {
      const text = excerpt.replace(/<\/?mark>/gu, '');
      expect(text, text).not.toMatch(/[.,:;!?]/u);
      expect(text, text).not.toMatch(/[。，：]\s/u);
      expect(text, text).toMatch(/^(……|[\p{Script=Han}“《])/u);
      expect(text, text).toMatch(/(……|[。！？])$/u);
      expect(excerpt).toContain('<mark>');
    }
    expect(tidyExcerpt(pagefindExcerpts[2] ?? '')).toBe(
      '……要点。<mark>1921</mark><mark>年</mark>7月23日，中共一大在上海开幕，最后一天转移到嘉兴南湖的游船上举行，宣告中国共产党正式成立。',
    );
  });

  it('keeps every hit before the cut and never adds tags', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...'党员规定纪律，。、：'), fc.constant('<mark>党</mark>')), { maxLength: 40 }), (parts) => {
        const tidied = tidyExcerpt(parts.join(''));
        return (tidied.match(/<mark>/gu)?.length ?? 0) === (tidied.match(/<\/mark>/gu)?.length ?? 0) && (!parts.includes('<mark>党</mark>') || tidied.includes('<mark>党</mark>'));
      }),
    );
  });
});
