// The HTML reports in a real browser (Debian's Chromium through playwright-core): each loads with
// no console error and no request at all beyond its own file, looks like its reference
// screenshot (docs/img, shown in the formats guide), prints to the expected number of A4 pages,
// and the text of the PDF holds each task's first choice and every citation.
//
//   KOUIKI_UPDATE_SCREENSHOTS=1 npx vitest run test/browser   rewrites docs/img/report-*.png
//
// Without a browser the tests fail when CI is set (.ci/run installs one) and are skipped, with a
// message, otherwise.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kouiki, ROOT } from '../helpers/cli.js';
import { chromiumPath, launch } from './browser.js';

const AS_OF = ['--as-of', '2026-11-23'];
const UPDATE = process.env.KOUIKI_UPDATE_SCREENSHOTS === '1';
const IMG_DIR = join(ROOT, 'docs', 'img');
/** The share of pixels that may differ from the reference (anti-aliasing, font hinting). */
const TOLERANCE = 0.01;
const VIEWPORT = { width: 960, height: 1280 };

interface Report {
  name: string;
  args: string[];
  /** A4 pages of the printed report (Chromium, the fonts .ci/run installs). */
  pages: number;
  /** The JSON of the same run, to know what the PDF must say. */
  json?: string[];
}

const REPORTS: Report[] = [
  { name: 'evaluate', args: ['evaluate', 'examples/kensei-tasks.yaml', '--lang', 'ja'], pages: 0, json: ['evaluate', 'examples/kensei-tasks.yaml', '--lang', 'ja'] },
  { name: 'recommend', args: ['recommend', '--name', '介護認定審査会', '--category', 'essential-service', '--mode', 'joint-organ', '--retain-authority', '--capacity-gap', '--lang', 'ja'], pages: 0 },
  { name: 'eligibility', args: ['eligibility', '小田原市', '--merge', '南足柄市', '--kind', 'core-city', '--data', 'examples/kensei-commuting.example.yaml', '--lang', 'ja'], pages: 0 },
  { name: 'explain', args: ['explain', '小田原市', '--designation', 'cooperation-central-city', '--lang', 'en'], pages: 0 },
  { name: 'check', args: ['check', 'examples/drafts/', '--lang', 'ja'], pages: 0 },
];
// The full references of the sources (issue 14) lengthen evaluate (31 → 34 pages) and recommend (3 → 4).
const PAGES: Record<string, number> = { evaluate: 34, recommend: 4, eligibility: 5, explain: 4, check: 3 };

const executable = chromiumPath();
const pdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
const inCI = Boolean(process.env.CI);

if (!executable && !inCI) {
  process.stderr.write('test/browser: no Chromium found (apt-get install chromium, or KOUIKI_CHROMIUM=PATH): the browser tests are skipped\n');
}

describe('browser: no Chromium on a CI machine', () => {
  it.runIf(inCI)('a browser is installed (.ci/run installs Debian chromium and poppler-utils)', () => {
    expect(executable, 'no Chromium: .ci/run should have installed it').not.toBeNull();
    expect(pdftotext, 'no pdftotext: .ci/run should have installed poppler-utils').toBe(true);
  });
});

describe.skipIf(!executable)('HTML reports in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kouiki-browser-'));
  let browser: Browser;
  let close: () => Promise<void> = async () => {};

  beforeAll(async () => {
    ({ browser, close } = await launch(executable!));
    for (const r of REPORTS) {
      const run = kouiki([...r.args, '-f', `html:${join(dir, `${r.name}.html`)}`, ...AS_OF]);
      expect(run.code === 0 || (r.name === 'check' && run.code === 1), run.stderr).toBe(true);
    }
  }, 120_000);

  afterAll(async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const r of REPORTS) {
    it(`${r.name}: loads cleanly, matches its screenshot, prints to ${PAGES[r.name]} pages with the right text`, async () => {
      const file = join(dir, `${r.name}.html`);
      const url = `file://${file}`;
      const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('requestfailed', (req) => problems.push(`failed request: ${req.url()}`));
      page.on('request', (req) => {
        if (req.url() !== url) problems.push(`request beyond the file: ${req.url()}`);
      });
      await page.goto(url, { waitUntil: 'load' });
      expect(problems).toEqual([]);
      expect(await page.locator('script').count()).toBe(0);

      // The first screen (cover and summary) against the reference.
      const shot = await page.screenshot({ type: 'png' });
      const reference = join(IMG_DIR, `report-${r.name}.png`);
      if (UPDATE || !existsSync(reference)) {
        if (!UPDATE && inCI) throw new Error(`missing reference screenshot ${reference}; run KOUIKI_UPDATE_SCREENSHOTS=1 npx vitest run test/browser`);
        mkdirSync(IMG_DIR, { recursive: true });
        writeFileSync(reference, shot);
      } else {
        const a = PNG.sync.read(shot);
        const b = PNG.sync.read(readFileSync(reference));
        expect([a.width, a.height]).toEqual([b.width, b.height]);
        const diff = new PNG({ width: a.width, height: a.height });
        const differing = pixelmatch(a.data, b.data, diff.data, a.width, a.height, { threshold: 0.1 });
        if (differing / (a.width * a.height) > TOLERANCE) writeFileSync(join(tmpdir(), `kouiki-report-${r.name}.diff.png`), PNG.sync.write(diff));
        expect(differing / (a.width * a.height), `${differing} pixels differ (diff image in ${tmpdir()})`).toBeLessThanOrEqual(TOLERANCE);
      }

      // Print: A4 from the page's own CSS (@page), the page numbers drawn by Chromium's margin boxes.
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      await page.close();
      const pdfFile = join(dir, `${r.name}.pdf`);
      writeFileSync(pdfFile, pdf);
      if (!pdftotext) {
        process.stderr.write('test/browser: no pdftotext (apt-get install poppler-utils): the PDF text is not checked\n');
        return;
      }
      const info = execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' });
      const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
      expect(info).toMatch(/^Page size:.*\(A4\)$/m);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
      const flat = text.replace(/\s+/g, '');
      expect(flat).toContain(`1/${pages}`);
      expect(pages).toBe(PAGES[r.name]);
      // What the PDF must say: each task's first choice, and every citation (in the notes).
      const json = JSON.parse(kouiki([...(r.json ?? r.args), '-f', 'json', ...AS_OF]).stdout) as Record<string, unknown>;
      const cited = r.name === 'explain' ? citations((json.explanation as { criteria: unknown; steps: unknown }).criteria).concat(citations((json.explanation as { steps: unknown }).steps)) : citations(json);
      expect(cited.length).toBeGreaterThan(0);
      for (const c of cited) expect(flat, c).toContain(c.replace(/\s+/g, ''));
      const results = (json.results ?? []) as { task?: { name: string }; recommendations?: { rank: number; name: string }[] }[];
      for (const t of results) {
        if (!t.recommendations) continue;
        expect(flat).toContain(t.task!.name.replace(/\s+/g, ''));
        for (const first of t.recommendations.filter((x) => x.rank === 1)) expect(flat).toContain(first.name);
      }
    }, 60_000);
  }
});

/** Every citation string in a JSON result (the notes of the report list each once). */
function citations(json: unknown): string[] {
  const out = new Set<string>();
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      for (const [k, v] of Object.entries(x)) {
        if (k === 'citation' && typeof v === 'string' && v !== '') out.add(v);
        else walk(v);
      }
    }
  };
  walk(json);
  return [...out];
}
