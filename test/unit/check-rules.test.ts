import { describe, expect, it } from 'vitest';
import { checkText, FICTIONAL, ofRule } from '../helpers/check.js';

/** A draft of fictional municipalities with the given head lines and projects. */
const draft = (head: string, projects: string): string => `version: 1\nname: 試験用の案\n${head}\n${FICTIONAL}projects:\n${projects}`;
const project = (lines: string): string => `  - name: 事業\n${lines.replace(/^/gm, '    ')}\n`;

describe('statutory-content: what the article requires the 規約 to state', () => {
  const missing = (instrument: string, extra = '') => ofRule(checkText(draft('centralCity: 甲市', project(`instrument: ${instrument}\nparties: [甲市, 乙町]\nprovider: 甲市\n${extra}`))), 'statutory-content');

  it('事務の委託 without cost sharing: Art. 252-15 item 3 (verified in the statute text)', () => {
    const r = checkText(draft('', project('instrument: consignment\nparties: [甲市, 乙町]\nprovider: 甲市')));
    const d = r.diagnostics.find((x) => x.rule === 'statutory-content')!;
    expect(d).toMatchObject({ severity: 'error', citation: 'Local Autonomy Act Art. 252-15 item 3' });
    expect(d.message).toContain('costSharing');
  });
  it('事務の委託 and 事務の代替執行 need both bodies named: provider and two parties (252-15 item 1, 252-16-3 item 1)', () => {
    const r = checkText(draft('', project('instrument: proxy-execution\nparties: [乙町]\ncostSharing: 負担金')));
    expect(r.diagnostics.filter((d) => d.rule === 'statutory-content').map((d) => d.citation)).toEqual([
      'Local Autonomy Act Art. 252-16-3 item 1',
      'Local Autonomy Act Art. 252-16-3 item 1',
    ]);
  });
  it('事務の代替執行 without cost sharing: Art. 252-16-3 item 3', () => {
    expect(missing('proxy-execution')).toHaveLength(1);
    expect(checkText(draft('', project('instrument: proxy-execution\nparties: [甲市, 乙町]\nprovider: 甲市'))).diagnostics.find((d) => d.rule === 'statutory-content')!.citation).toBe('Local Autonomy Act Art. 252-16-3 item 3');
  });
  it('協議会 without cost sharing: Art. 252-4(1) item 5; 一部事務組合 Art. 287(1) item 7; 広域連合 Art. 291-4(1) item 9', () => {
    const cite = (instrument: string) => checkText(draft('', project(`instrument: ${instrument}\nparties: [甲市, 乙町]`))).diagnostics.filter((d) => d.rule === 'statutory-content').map((d) => d.citation);
    expect(cite('council')).toEqual(['Local Autonomy Act Art. 252-4(1) item 5']);
    expect(cite('partial-affairs-union')).toEqual(['Local Autonomy Act Art. 287(1) item 7']);
    expect(cite('regional-federation')).toEqual(['Local Autonomy Act Art. 291-4(1) item 9']);
  });
  it('nothing is required where the reference confirms no such content (連携協約 has no 規約; 共同設置: cost item not verified)', () => {
    expect(missing('cooperation-agreement')).toEqual([]);
    expect(missing('joint-body')).toEqual([]);
    expect(missing('consignment', 'costSharing: 人口割')).toEqual([]);
  });
});

describe('instrument-allowed: the engine says not-allowed', () => {
  it('a prefecture in a multi-purpose union (Art. 285, statute text)', () => {
    const r = checkText(draft('', project('instrument: partial-affairs-union\nparties: [甲市, 乙町, 戊県]\ncostSharing: 均等割\nfacts: { multipleAffairs: true }')));
    expect(ofRule(r, 'instrument-allowed')).toEqual([['error', 13, 17, expect.stringContaining('a prefecture cannot join one')]]);
    expect(r.diagnostics.find((d) => d.rule === 'instrument-allowed')!.citation).toBe('Local Autonomy Act Art. 285');
  });
  it('事務の代替執行 before the 2014 amendment existed (平成26年法律第42号 附則第1条第1号), by --as-of', () => {
    const p = project('instrument: proxy-execution\nparties: [甲市, 乙町]\nprovider: 甲市\ncostSharing: 負担金');
    expect(ofRule(checkText(draft('', p), { asOf: '2014-01-01' }), 'instrument-allowed')).toEqual([['error', 13, 17, expect.stringContaining('not yet in force on 2014-01-01')]]);
    expect(ofRule(checkText(draft('', p), { asOf: '2026-11-23' }), 'instrument-allowed')).toEqual([]);
  });
});

describe('instrument-fit', () => {
  it('an unsuitable instrument names a better one (事務の委託 moves the authority, Art. 252-14(1))', () => {
    const r = checkText(draft('', project('category: regional-vitality\ninstrument: consignment\nparties: [甲市, 乙町]\nprovider: 甲市\ncostSharing: 均等割\nfacts: { retainAuthority: true }')));
    expect(ofRule(r, 'instrument-fit')).toEqual([['warning', 14, 17, expect.stringMatching(/unsuitable .*consider cooperation agreement/)]]);
  });
  it('a clearly better instrument (recommended, by the margin) is named; a larger margin silences it', () => {
    const p = project('category: essential-service\ninstrument: consignment\nparties: [甲市, 乙町]\nprovider: 甲市\ncostSharing: 均等割\nfacts: { mode: joint-organ, needsLegalEntity: false }');
    expect(ofRule(checkText(draft('', p)), 'instrument-fit')).toEqual([['warning', 14, 17, expect.stringMatching(/^Joint establishment of organs.* fits this project clearly better than consignment of affairs/)]]);
    expect(ofRule(checkText(draft('', p), { options: { 'instrument-fit': { margin: 0.6 } } }), 'instrument-fit')).toEqual([]);
  });
});

describe('central-city-eligibility (the eligibility engine, 要綱 第3 / 003 3(1))', () => {
  it('a 中核市 with a ratio of 1.05 outside the metro areas meets 連携中枢都市: no finding', () => {
    expect(ofRule(checkText(draft('scheme: cooperation-central-city-area\ncentralCity: 甲市', project('instrument: cooperation-agreement\nparties: [甲市]'))), 'central-city-eligibility')).toEqual([]);
  });
  it('a 町 fails A (scale) as an error, with its figure; unknown figures are warnings, not failures', () => {
    const r = checkText(draft('scheme: cooperation-central-city-area\ncentralCity: 乙町', project('instrument: cooperation-agreement\nparties: [乙町]')));
    const d = ofRule(r, 'central-city-eligibility');
    expect(d[0]).toEqual(['error', 4, 14, expect.stringMatching(/does not meet .*"A scale.*: town \(required: a designated city or a core city\)/)]);
    expect(d.slice(1).every(([sev, , , m]) => sev === 'warning' && /cannot be decided/.test(m))).toBe(true);
  });
  it('連携中枢都市 B is おおむね 1: a ratio of 0.99 is borderline, a warning', () => {
    const r = checkText(draft('scheme: cooperation-central-city-area\ncentralCity: 己市', project('instrument: cooperation-agreement\nparties: [己市]')));
    expect(ofRule(r, 'central-city-eligibility')).toEqual([['warning', 4, 14, expect.stringMatching(/borderline .*0\.99/)]]);
    expect(r.errorCount).toBe(0);
  });
  it('定住自立圏 中心市 needs a ratio of 1 (原則, no tolerance): 0.99 fails', () => {
    const r = checkText(draft('scheme: settlement-area\ncentralCity: 丁市', project('instrument: cooperation-agreement\nparties: [丁市]')));
    expect(ofRule(r, 'central-city-eligibility')).toEqual([['error', 4, 14, expect.stringMatching(/"day\/night population ratio" .*: 0\.99 \(required: >= 1/)]]);
  });
  it('a scheme other than none needs a centralCity (schema)', () => {
    expect(ofRule(checkText(draft('scheme: settlement-area', project('instrument: cooperation-agreement\nparties: [甲市]'))), 'schema')).toEqual([['error', 3, 9, 'scheme: settlement-area needs a centralCity']]);
  });
});

describe('partner-commuting (a guideline, not a bar)', () => {
  const head = 'scheme: cooperation-central-city-area\ncentralCity: 甲市\npartners: [乙町, 丙町]\nagreements:\n  - { partner: 乙町, type: cooperation-agreement }\n  - { partner: 丙町, type: cooperation-agreement }';
  it('a share below 10% is warned (as a percentage) and says the partner may still join; 20% passes', () => {
    const r = checkText(draft(head, project('instrument: cooperation-agreement\nparties: [甲市, 乙町]')));
    expect(ofRule(r, 'partner-commuting')).toEqual([['warning', 5, 12, expect.stringMatching(/from "乙町" to the central city "甲市" is 5%, below the guideline \(>= 10% .*may still join/)]]);
    expect(ofRule(r, 'scheme-structure')).toEqual([]);
  });
});

describe('scheme-structure (one agreement per partner: 連携協約 / 定住自立圏形成協定)', () => {
  it('a partner without its agreement, a wrong type, an agreement for a non-partner, the central city among its partners', () => {
    const head = 'scheme: settlement-area\ncentralCity: 甲市\npartners: [乙町, 丙町, 甲市]\nagreements:\n  - { partner: 乙町, type: cooperation-agreement }\n  - { partner: 丁市, type: settlement-agreement }';
    const d = ofRule(checkText(draft(head, project('instrument: cooperation-agreement\nparties: [甲市]'))), 'scheme-structure');
    expect(d.map(([, line, col]) => [line, col])).toEqual([[5, 12], [5, 16], [5, 20], [7, 26], [8, 16]]);
    expect(d[0]![3]).toMatch(/"乙町" has no settlement area agreement/);
    expect(d[2]![3]).toMatch(/the central city "甲市" is listed among its own partners/);
    expect(d[3]![3]).toMatch(/is the settlement area agreement \(定住自立圏形成協定\) \(settlement-agreement\)/);
    expect(d[4]![3]).toMatch(/"丁市" is not among the partners/);
  });
  it('scheme none asks for no agreements', () => {
    expect(ofRule(checkText(draft('centralCity: 甲市\npartners: [乙町]', project('instrument: cooperation-agreement\nparties: [甲市]'))), 'scheme-structure')).toEqual([]);
  });
});

describe('reciprocity (the 県西地域 draft, 5(1), 5(4)ア)', () => {
  const provided = (n: number, central: number): string =>
    Array.from({ length: n }, (_, i) => project(`instrument: cooperation-agreement\nparties: [甲市, 乙町]\nprovider: ${i < central ? '甲市' : '乙町'}\ncostSharing: 均等割`)).join('');
  it('the central city providing more than 75% of the projects with a provider is warned at projects:', () => {
    expect(ofRule(checkText(draft('centralCity: 甲市', provided(5, 4))), 'reciprocity')).toEqual([['warning', 11, 1, expect.stringContaining('provides 4 of the 5 projects that name a provider (80%), above the limit of 75%')]]);
    expect(ofRule(checkText(draft('centralCity: 甲市', provided(4, 3))), 'reciprocity')).toEqual([]);
  });
  it('fewer projects than minProjects say nothing; the limit is an option', () => {
    expect(ofRule(checkText(draft('centralCity: 甲市', provided(3, 3))), 'reciprocity')).toEqual([]);
    expect(ofRule(checkText(draft('centralCity: 甲市', provided(4, 3)), { options: { reciprocity: { maxShare: 0.5 } } }), 'reciprocity')).toHaveLength(1);
  });
  it('the central city providing a service with no cost sharing', () => {
    const r = checkText(draft('centralCity: 甲市', project('instrument: cooperation-agreement\nparties: [甲市, 乙町]\nprovider: 甲市')));
    expect(ofRule(r, 'reciprocity')).toEqual([['warning', 15, 15, expect.stringContaining('no cost sharing is agreed')]]);
    expect(r.diagnostics.find((d) => d.rule === 'reciprocity')!.citation).toBe('the 県西地域 draft (小田原市・南足柄市) 5(4)ア(ア)');
  });
});

describe('unknown-municipality', () => {
  it('suggests close names; an ambiguous name asks for its prefecture; prefecture + name resolves', () => {
    const r = checkText(draft('centralCity: 甲市', project('instrument: cooperation-agreement\nparties: [箱根村, 府中市, 東京都府中市]')));
    const d = ofRule(r, 'unknown-municipality');
    expect(d).toHaveLength(2);
    expect(d[0]![3]).toMatch(/"箱根村" is not in the municipality data \(did you mean "箱根町"/);
    expect(d[1]![3]).toMatch(/"府中市" is ambiguous \(東京都府中市, 広島県府中市\)/);
  });
});

describe('configuration', () => {
  it('a rule set to warn reports its errors as warnings; off drops it', () => {
    const text = draft('', project('instrument: consignment\nparties: [甲市, 乙町]\nprovider: 甲市'));
    expect(checkText(text, { severity: { 'statutory-content': 'warn' } }).diagnostics.find((d) => d.rule === 'statutory-content')!.severity).toBe('warning');
    expect(ofRule(checkText(text, { severity: { 'statutory-content': 'off' } }), 'statutory-content')).toEqual([]);
  });
});
