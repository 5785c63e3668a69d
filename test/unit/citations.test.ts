import { describe, expect, it } from 'vitest';
import { citationIndex, citedSources, collectCitations, formatRef, refUrl, sourceReference } from '../../src/core/citation.js';
import type { PackData } from '../../src/pack/model.js';
import type { Source } from '../../src/pack/schema.js';
import { secondaryOnly } from '../../src/rules-tools/sources.js';

const LAC: Source = {
  kind: 'law',
  name: { ja: '地方自治法', en: 'Local Autonomy Act' },
  title: '地方自治法',
  number: '昭和22年法律第67号',
  publisher: { ja: 'e-Gov 法令検索', en: 'e-Gov Law Search' },
  date: '2025-06-01',
  version: '322AC0000000067_20250601_504AC0000000068',
  url: 'https://laws.e-gov.go.jp/law/322AC0000000067',
  anchors: { '252-2': 'Pa_2-Ch_12-Se_3-Ss_1', '291-2': 'Pa_3-Ch_3-Se_3' },
};
const DRAFT: Source = {
  kind: 'document',
  quality: 'official',
  name: { ja: '中心市と周辺自治体との新たな広域連携体制について（案）概要', en: 'the 県西 draft' },
  title: '中心市と周辺自治体との新たな広域連携体制について（案）概要',
  publisher: { ja: '小田原市・南足柄市「中心市のあり方」に関する任意協議会', en: 'the two cities’ voluntary council' },
  date: '2017',
  url: 'http://www.city.odawara.kanagawa.jp/municipality/kyougi/news/keikaku.html',
};
const BLOG: Source = { kind: 'web', quality: 'secondary', name: { ja: 'ある解説', en: 'a commentary' }, title: 'ある解説', url: 'https://example.org/blog' };

/** A pack with just enough in it: one instrument property per citation kind. */
function pack(extra: Partial<Record<string, unknown>> = {}): PackData {
  return {
    manifest: { name: 't', packVersion: '1', title: { ja: 't', en: 't' }, reviewed: '2026-12-01', sources: { lac: LAC, draft: DRAFT, blog: BLOG } },
    instruments: [
      {
        id: 'x',
        properties: {
          a: { text: { ja: 'a', en: 'a' }, ref: { source: 'lac', article: '252-2', paragraph: 7 } },
          b: { text: { ja: 'b', en: 'b' }, ref: { source: 'draft', section: '5(2)イ(ア)' } },
          c: { text: { ja: 'c', en: 'c' }, ref: { source: 'blog', section: '1' } },
          d: { status: 'unconfirmed', text: { ja: 'd', en: 'd' }, ref: { source: 'blog', section: '2', note: { ja: '公的資料なし', en: 'no official source found' } } },
          e: { text: { ja: 'e', en: 'e' }, ref: { source: 'blog', section: '3', via: ['lac'] } },
        },
      },
    ],
    categories: [],
    facts: [],
    rules: [],
    prefecture: null,
    terms: {},
    extra: {},
    ...extra,
  } as unknown as PackData;
}

describe('a citation names a public source, and resolves to its full reference', () => {
  it('an article of the Act: 地方自治法第252条の2第7項 / Local Autonomy Act Art. 252-2(7)', () => {
    const data = pack();
    expect(formatRef({ source: 'lac', article: '252-2', paragraph: 7 }, data, 'ja')).toBe('地方自治法第252条の2第7項');
    expect(formatRef({ source: 'lac', article: '252-2', paragraph: 7 }, data, 'en')).toBe('Local Autonomy Act Art. 252-2(7)');
  });
  it("a document's section: its title and the section, never a file name or number", () => {
    expect(formatRef({ source: 'draft', section: '5(2)イ(ア)' }, pack(), 'ja')).toBe('中心市と周辺自治体との新たな広域連携体制について（案）概要 5(2)イ(ア)');
  });
  it("a statute article opens at e-Gov's anchor: the structure path, the article, the paragraph", () => {
    expect(refUrl({ source: 'lac', article: '252-2', paragraph: 7 }, pack())).toBe('https://laws.e-gov.go.jp/law/322AC0000000067#Mp-Pa_2-Ch_12-Se_3-Ss_1-At_252_2-Pr_7');
    expect(refUrl({ source: 'lac', article: '291-2' }, pack())).toBe('https://laws.e-gov.go.jp/law/322AC0000000067#Mp-Pa_3-Ch_3-Se_3-At_291_2');
  });
  it('an article without a known place opens the law', () => {
    expect(refUrl({ source: 'lac', article: '999' }, pack())).toBe('https://laws.e-gov.go.jp/law/322AC0000000067');
  });
  it('the full reference: title, law number, publisher, version, URL', () => {
    expect(sourceReference(LAC, 'ja')).toBe('地方自治法（昭和22年法律第67号）。e-Gov 法令検索。2025-06-01 施行時点の本文。https://laws.e-gov.go.jp/law/322AC0000000067');
    expect(sourceReference(LAC, 'en')).toBe('Local Autonomy Act: 地方自治法 (昭和22年法律第67号). e-Gov Law Search. Text in force on 2025-06-01. https://laws.e-gov.go.jp/law/322AC0000000067');
    expect(sourceReference(DRAFT, 'ja')).toBe('『中心市と周辺自治体との新たな広域連携体制について（案）概要』。小田原市・南足柄市「中心市のあり方」に関する任意協議会。2017。http://www.city.odawara.kanagawa.jp/municipality/kyougi/news/keikaku.html');
  });
  it('an amending order is dated by its promulgation, a consolidated text by the day it is in force', () => {
    const order: Source = { kind: 'cabinet-order', name: { ja: '平成26年政令第345号', en: 'Cabinet Order No. 345 of 2014' }, title: '平成26年10月29日政令第345号', number: '平成26年政令第345号', date: '2014-10-29', url: 'https://laws.e-gov.go.jp/law/322CO0000000016' };
    expect(sourceReference(order, 'en')).toContain('Promulgated 2014-10-29');
    expect(sourceReference(order, 'ja')).toContain('2014-10-29 公布');
  });
  it('a secondary source says so in its reference', () => {
    expect(sourceReference(BLOG, 'en')).toContain('secondary source');
    expect(sourceReference(BLOG, 'ja')).toContain('二次資料');
  });
});

describe('an output lists the sources it cites', () => {
  it('every citation string of the pack maps back to its reference', () => {
    const idx = citationIndex(pack(), 'ja');
    expect(idx.get('地方自治法第252条の2第7項')).toEqual({ source: 'lac', article: '252-2', paragraph: 7 });
  });
  it('citations found anywhere in a result, in the order of the source registry, each with its URL', () => {
    const result = { reasons: [{ citation: '中心市と周辺自治体との新たな広域連携体制について（案）概要 5(2)イ(ア)' }], procedure: [{ citation: '地方自治法第252条の2第7項' }], other: { citation: 'not a citation of the pack' } };
    const list = citedSources(collectCitations(result), pack(), 'ja');
    expect(list.map((s) => s.id)).toEqual(['lac', 'draft']);
    expect(list[0]!.citations).toEqual([{ citation: '地方自治法第252条の2第7項', url: 'https://laws.e-gov.go.jp/law/322AC0000000067#Mp-Pa_2-Ch_12-Se_3-Ss_1-At_252_2-Pr_7' }]);
    expect(list[1]!.quality).toBe('official');
  });
});

describe('source quality: a value resting on secondary sources alone', () => {
  const found = secondaryOnly(pack());
  it('is found when its source and every via are secondary', () => {
    expect(found.map((x) => x.label)).toEqual(['instruments/x/properties/c', 'instruments/x/properties/d']);
  });
  it('must be marked unconfirmed and say why: without that it has no reason (an error of rules validate)', () => {
    expect(found[0]!.reason).toBeNull();
    expect(found[1]!.reason).toEqual({ ja: '公的資料なし', en: 'no official source found' });
  });
  it('a secondary source beside an official one is fine', () => {
    expect(found.some((x) => x.label.endsWith('/e'))).toBe(false);
  });
});
