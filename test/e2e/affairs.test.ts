import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kouiki } from '../helpers/cli.js';

/** The category block of `recommend -f json` for one task. */
function category(args: string[]): { id: string | null; name?: string; inferred: boolean; evidence: string[] } {
  const r = kouiki(['recommend', ...args, '-f', 'json', '--as-of', '2026-12-04']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout).results[0].category;
}

const WIDE = { COLUMNS: '200' };

describe('recommend infers the category from the affairs planners name (issue 15 item 17)', () => {
  it('図書館の相互利用 → 活力ある社会経済, naming the affair and 図書館法 (Japanese and English)', () => {
    const ja = kouiki(['recommend', '--name', '図書館の相互利用', '--lang', 'ja', '--as-of', '2026-12-04'], { env: WIDE });
    expect(ja.code).toBe(0);
    expect(ja.stdout).toContain('分類: 活力ある社会経済維持に向けた取組 (regional-vitality) — 推定: 図書館の相互利用（名称） → 図書館（相互利用・相互貸借） [図書館法第3条第4号]');
    expect(ja.stdout).not.toContain('(name)');
    const en = kouiki(['recommend', '--name', '図書館の相互利用', '--lang', 'en', '--as-of', '2026-12-04'], { env: WIDE });
    expect(en.stdout).toContain('Category: Regional vitality (regional-vitality) — inferred: 図書館の相互利用 (name) → Libraries (shared use, inter-library loans) [Library Act Art. 3 item 4]');
  });

  it('--description "滞納整理の共同化" → 広域的課題, with 地方税法第20条の4 (both languages)', () => {
    expect(category(['--name', '共同事業', '--description', '滞納整理の共同化', '--lang', 'ja'])).toEqual({
      id: 'wide-area-issue',
      name: '広域的課題への取組',
      inferred: true,
      evidence: ['滞納整理 (description) → 地方税の滞納整理 [地方税法第20条の4第1項]'],
    });
    expect(category(['--name', '共同事業', '--description', '滞納整理の共同化', '--lang', 'en']).evidence).toEqual(['滞納整理 (description) → Collection of delinquent local taxes [Local Tax Act Art. 20-4(1)]']);
  });

  it('--description 障害支援区分認定審査会 → 生活に必須の事務, the whole word (not a shorter one inside it)', () => {
    const ja = category(['--description', '障害支援区分認定審査会', '--lang', 'ja']);
    expect(ja.id).toBe('essential-service');
    expect(ja.evidence).toEqual(['障害支援区分認定審査会 (name) → 障害支援区分の認定（市町村審査会） [障害者の日常生活及び社会生活を総合的に支援するための法律 款「市町村審査会」]']);
    const en = kouiki(['recommend', '--description', '障害支援区分認定審査会', '--lang', 'en', '--as-of', '2026-12-04'], { env: WIDE });
    expect(en.stdout).toContain('Category: Essential services (essential-service) — inferred: 障害支援区分認定審査会 (name) → Disability support level (the municipal review board)');
  });

  it('下水道 is sewerage, never also 水道; two affairs of different categories are a tie, said in the categories\' names', () => {
    expect(category(['--name', '下水道の広域化', '--lang', 'en']).evidence).toEqual(['下水道 (name) → Sewerage [Sewerage Act Art. 3(1)]']);
    const tie = kouiki(['recommend', '--name', '図書館と消防', '--lang', 'ja', '--as-of', '2026-12-04'], { env: WIDE });
    expect(tie.stdout).toContain('課題の語が分類の異なる事務に当たり、「住民の生活に必須の事務の安定的実施」とも読めます（パックの順で「活力ある社会経済維持に向けた取組」を選びました）');
  });

  it('rules doc lists the affairs with their category and citation; rules validate checks them', () => {
    const doc = kouiki(['rules', 'doc', '--lang', 'ja']);
    expect(doc.code).toBe(0);
    expect(doc.stdout).toContain('## 事務の一覧（分類の推定）');
    expect(doc.stdout).toMatch(/\| 地方税の滞納整理 \(`tax-delinquency`\).*\| 広域的課題への取組 \(`wide-area-issue`\) \|.*\[地方税法第20条の4第1項\]\(https:\/\/laws\.e-gov\.go\.jp\/law\/325AC0000000226\)/);
    const en = kouiki(['rules', 'doc', '--lang', 'en']);
    expect(en.stdout).toContain('## Affairs (category inference)');
    expect(en.stdout).toMatch(/\| Crematoria \(`crematorium`\).*\| Essential services \(`essential-service`\) \|.*Act on Graveyards and Burials Art\. 2\(7\)/);
    // A custom pack's affair with a category and a source the pack does not have, and a word of another affair.
    const dir = mkdtempSync(join(tmpdir(), 'kouiki-affairs-'));
    try {
      writeFileSync(join(dir, 'pack.yaml'), 'name: bad\npackVersion: "1"\ntitle: { ja: x, en: x }\nreviewed: 2026-12-04\nextends: default\n');
      writeFileSync(
        join(dir, 'affairs.yaml'),
        'affairs:\n  - id: museum\n    name: { ja: 博物館, en: Museums }\n    words: { ja: [博物館, 図書館], en: [] }\n    category: culture\n    why: { ja: x, en: x }\n    ref: { source: museum-act, article: "2" }\n    reviewed: 2026-12-04\n',
      );
      const v = kouiki(['rules', 'validate', dir, '--lang', 'en']);
      expect(v.code).toBe(1);
      expect(v.stdout + v.stderr).toContain('affairs.yaml:7:');
      expect(v.stdout + v.stderr).toContain('unknown category "culture"');
      expect(v.stdout + v.stderr).toContain('source "museum-act" is not declared');
      expect(v.stdout + v.stderr).toContain('the word "図書館" also belongs to affair "library"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
