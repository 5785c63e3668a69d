// The report and workbook formats from the built binary: files written atomically, workbooks
// read back cell by cell with exceljs, task lists from spreadsheets, the template, bad input.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { kouiki } from '../helpers/cli.js';
import { expectGolden } from '../helpers/golden.js';
import { runInProcess } from '../helpers/inproc.js';

const dir = mkdtempSync(join(tmpdir(), 'kouiki-reports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const AS_OF = ['--as-of', '2026-11-23'];
const at = (name: string): string => join(dir, name);

async function workbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  return wb;
}

function rowValues(ws: ExcelJS.Worksheet, row: number): unknown[] {
  return (ws.getRow(row).values as unknown[]).slice(1);
}

/** What every sheet of a kouiki workbook has: bold frozen header row, a filter over the whole table, widths set. */
function expectTableSheet(ws: ExcelJS.Worksheet, headers: string[]): void {
  expect(rowValues(ws, 1)).toEqual(headers);
  expect(ws.getRow(1).font?.bold).toBe(true);
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  // Read back as a range over the header row and every row below it.
  expect(ws.autoFilter).toBe(`A1:${String.fromCharCode(64 + headers.length)}${Math.max(1, ws.rowCount)}`);
  for (let c = 1; c <= headers.length; c++) expect(ws.getColumn(c).width).toBeGreaterThanOrEqual(6);
}

describe('-f html', () => {
  it.each([
    ['evaluate', ['evaluate', 'examples/kensei-tasks.yaml']],
    ['recommend', ['recommend', '--name', '介護認定審査会', '--category', 'essential-service', '--mode', 'joint-organ', '--retain-authority']],
    ['eligibility', ['eligibility', '小田原市', '--merge', '南足柄市', '--kind', 'core-city', '--data', 'examples/kensei-commuting.example.yaml']],
    ['explain', ['explain', '--task', 'examples/kensei-tasks.yaml', '--id', 'wildlife']],
    ['explain-eligibility', ['explain', '小田原市', '--designation', 'cooperation-central-city']],
    ['check', ['check', 'examples/drafts/']],
  ])('%s (golden, English)', (name, args) => {
    const r = kouiki([...args, '-f', 'html', '--lang', 'en', ...AS_OF]);
    expect(r.code, r.stderr).toBe(name === 'check' ? 1 : 0);
    expect(r.stdout.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    // Self-contained: no script, no external resource.
    expect(r.stdout).not.toMatch(/<script|<link |src="http|url\(http|@import/i);
    expectGolden(`reports/${name}.en.html`, r.stdout);
  });

  it('Japanese output is Japanese, and the same run gives the same bytes', () => {
    const a = kouiki(['evaluate', 'examples/kensei-tasks.yaml', '-f', 'html', '--lang', 'ja', ...AS_OF]);
    const b = kouiki(['evaluate', 'examples/kensei-tasks.yaml', '-f', 'html', '--lang', 'ja', ...AS_OF]);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toContain('<html lang="ja">');
    expect(a.stdout).toContain('課題の一覧');
    expect(a.stdout).toContain('2026年11月23日');
  });

  it('several formats in one run, each to its file', () => {
    const r = kouiki(['evaluate', 'examples/kensei-tasks.yaml', '-f', `html:${at('both.html')}`, '-f', `xlsx:${at('both.xlsx')}`, '-f', 'json', '--lang', 'en', ...AS_OF]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).results).toHaveLength(18);
    expect(readFileSync(at('both.html'), 'utf8')).toContain('</html>');
    expect(readFileSync(at('both.xlsx')).subarray(0, 2).toString()).toBe('PK');
  });
});

describe('-f xlsx, read back cell by cell', () => {
  it('evaluate: summary, detail, procedure, sources and about sheets (Japanese headers)', async () => {
    const file = at('eval.xlsx');
    const r = kouiki(['evaluate', 'examples/kensei-tasks.yaml', '-f', `xlsx:${file}`, '--lang', 'ja', ...AS_OF]);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(kouiki(['evaluate', 'examples/kensei-tasks.yaml', '-f', 'json', '--lang', 'ja', ...AS_OF]).stdout) as { results: { task: { id: string; name: string }; recommendations: { rank: number; name: string; score: number; instrument: string }[] }[] };
    const wb = await workbook(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概要', '詳細', '手続', '出典', '情報']);
    const summary = wb.getWorksheet('概要')!;
    expectTableSheet(summary, ['番号', '課題ID', '課題', '分類', '分類の推定', '第一候補', '判定', '点数', '不明な事実の数', '不明な事実']);
    expect(summary.rowCount).toBe(19);
    json.results.forEach((t, i) => {
      const row = rowValues(summary, i + 2);
      expect(row[0]).toBe(i + 1);
      expect(row[1]).toBe(t.task.id);
      expect(row[2]).toBe(t.task.name);
      expect(row[5]).toBe(t.recommendations.filter((x) => x.rank === 1).map((x) => x.name).join('、'));
      expect(row[7]).toBe(t.recommendations[0]!.score);
    });
    expect(summary.getColumn(8).numFmt).toBe('0.00');
    const detail = wb.getWorksheet('詳細')!;
    expectTableSheet(detail, ['課題ID', '課題', '順位', '制度ID', '制度', '判定', '点数', '主な理由', '出典番号']);
    const rows = json.results.flatMap((t) => t.recommendations.map((x) => [t.task.id, x.rank, x.instrument, x.score]));
    expect(detail.rowCount).toBe(rows.length + 1);
    rows.forEach((expected, i) => {
      const row = rowValues(detail, i + 2);
      expect([row[0], row[2], row[3], row[6]]).toEqual(expected);
      // Every source number names a row of the sources sheet.
      for (const n of String(row[8] ?? '').split(', ').filter(Boolean)) expect(Number(n)).toBeLessThanOrEqual(wb.getWorksheet('出典')!.rowCount - 1);
    });
    const sources = wb.getWorksheet('出典')!;
    expectTableSheet(sources, ['出典番号', '出典']);
    const cited = new Set<string>();
    for (let i = 2; i <= sources.rowCount; i++) {
      const v = sources.getCell(i, 2).value;
      cited.add(typeof v === 'object' && v !== null && 'text' in v ? String(v.text) : String(v));
    }
    expect(cited).toContain('地方自治法第252条の2第3項');
    const about = wb.getWorksheet('情報')!;
    expect(rowValues(about, 3)[0]).toBe('基準日（--as-of）');
    // A date, shown as a date.
    expect(about.getCell(3, 2).value).toEqual(new Date(Date.UTC(2026, 10, 23)));
    expect(about.getCell(3, 2).numFmt).toBe('yyyy-mm-dd');
  });

  it('eligibility: ratios and shares as percentages, counts with separators, threshold dates as dates', async () => {
    const file = at('elig.xlsx');
    const r = kouiki(['eligibility', '小田原市', '--merge', '南足柄市', '--kind', 'core-city', '--data', 'examples/kensei-commuting.example.yaml', '-f', `xlsx:${file}`, '--lang', 'en', ...AS_OF]);
    expect(r.code, r.stderr).toBe(0);
    const wb = await workbook(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Detail', 'Figures', 'Sources', 'About']);
    const detail = wb.getWorksheet('Detail')!;
    expectTableSheet(detail, ['Municipality', 'Designation id', 'Criterion id', 'Criterion', 'Status', 'Actual', 'Threshold', 'Required', 'Threshold in force from', 'Note', 'Source no.']);
    const find = (designation: string, criterion: string): number => {
      for (let i = 2; i <= detail.rowCount; i++) if (detail.getCell(i, 2).value === designation && detail.getCell(i, 3).value === criterion) return i;
      throw new Error(`no row ${designation} ${criterion}`);
    };
    const pop = find('core-city', 'population');
    expect(detail.getCell(pop, 5).value).toBe('✓ pass');
    expect(detail.getCell(pop, 6).value).toBe(229697);
    expect(detail.getCell(pop, 6).numFmt).toBe('#,##0');
    expect(detail.getCell(pop, 7).value).toBe(200000);
    expect(detail.getCell(pop, 9).value).toEqual(new Date(Date.UTC(2015, 3, 1)));
    const share = find('cooperation-central-city', 'metro-core-commute-share');
    expect(detail.getCell(share, 5).value).toBe('✗ fail');
    expect(detail.getCell(share, 6).value).toBe(0.1083);
    expect(detail.getCell(share, 6).numFmt).toBe('0.00%');
    expect(detail.getCell(share, 7).value).toBe(0.1);
    const summary = wb.getWorksheet('Summary')!;
    expectTableSheet(summary, ['Municipality', 'Prefecture', 'Kind', 'Designation id', 'Designation', 'Result', 'Central city']);
    // --kind core-city assumes the designation: it is held (from a day not given), never "meets" or "does not meet".
    const coreRow = [...Array(summary.rowCount).keys()].map((i) => rowValues(summary, i + 1)).find((row) => row[3] === 'core-city')!;
    expect(coreRow.slice(3, 6)).toEqual(['core-city', 'core city (中核市)', '✓ held (since a day not given)']);
  });

  it('check: a row per file and per finding, with the offending line of the draft', async () => {
    const file = at('check.xlsx');
    const r = kouiki(['check', 'examples/drafts/', '-f', `xlsx:${file}`, '--lang', 'en', ...AS_OF]);
    expect(r.code).toBe(1);
    const json = JSON.parse(kouiki(['check', 'examples/drafts/', '-f', 'json', '--lang', 'en', ...AS_OF]).stdout) as { files: { path: string; errorCount: number; warningCount: number; diagnostics: { line: number; column: number; rule: string; message: string }[] }[] };
    const wb = await workbook(file);
    const summary = wb.getWorksheet('Summary')!;
    expectTableSheet(summary, ['File', 'Errors', 'Warnings', 'Suppressed']);
    json.files.forEach((f, i) => expect(rowValues(summary, i + 2).slice(0, 3)).toEqual([f.path, f.errorCount, f.warningCount]));
    const detail = wb.getWorksheet('Detail')!;
    expectTableSheet(detail, ['File', 'Line', 'Column', 'Severity', 'Rule', 'Message', 'Offending text', 'Source no.']);
    const diags = json.files.flatMap((f) => f.diagnostics.map((d) => ({ ...d, path: f.path })));
    diags.forEach((d, i) => {
      const row = rowValues(detail, i + 2);
      expect(row.slice(0, 3)).toEqual([d.path, d.line, d.column]);
      expect(row[4]).toBe(d.rule);
      expect(row[5]).toBe(d.message);
      const line = readFileSync(d.path, 'utf8').split('\n')[d.line - 1]!.trim();
      expect(row[6] ?? '').toBe(line);
    });
  });

  it('the same run gives the same bytes (document and zip dates are the --as-of date)', () => {
    const a = kouiki(['eligibility', '小田原市', '-f', 'xlsx', ...AS_OF]);
    const b = kouiki(['eligibility', '小田原市', '-f', 'xlsx', ...AS_OF]);
    expect(a.code).toBe(0);
    expect(Buffer.from(a.stdout, 'latin1').equals(Buffer.from(b.stdout, 'latin1'))).toBe(true);
  });

  it('to a terminal: exit 2, asking for a file; to a pipe: the bytes', async () => {
    const tty = await runInProcess(['evaluate', 'examples/kensei-tasks.yaml', '-f', 'xlsx', '--lang', 'en'], { stdoutIsTTY: true });
    expect(tty.code).toBe(2);
    expect(tty.stdout).toBe('');
    expect(tty.stderr).toContain('-f xlsx writes a binary file; it cannot go to the terminal');
    expect(tty.stderr).toContain('-f xlsx:result.xlsx');
    const pipe = kouiki(['evaluate', 'examples/kensei-tasks.yaml', '-f', 'xlsx']);
    expect(pipe.code).toBe(0);
    expect(pipe.stdout.slice(0, 2)).toBe('PK');
  });
});

describe('bad output paths: exit 2, a clear message, nothing written', () => {
  it.each(['html', 'xlsx'])('%s into a directory that does not exist, or under a file', (format) => {
    const missing = join(dir, 'no-such-dir', `out.${format}`);
    const r = kouiki(['evaluate', 'examples/kensei-tasks.yaml', '-f', `${format}:${missing}`, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot write ${missing} (ENOENT)`);
    expect(existsSync(join(dir, 'no-such-dir'))).toBe(false);
    writeFileSync(at('a-file'), 'x');
    const under = join(at('a-file'), `out.${format}`);
    const u = kouiki(['check', 'examples/drafts/', '-f', `${format}:${under}`, '--lang', 'en']);
    expect(u.code).toBe(2);
    expect(u.stderr).toContain('(ENOTDIR)');
  });

  it('a failure after the report opened leaves no file and no temporary file', () => {
    const sub = at('partial');
    mkdirSync(sub);
    // The JSON goes to a directory that cannot be written: the run fails, the report is dropped.
    const r = kouiki(['evaluate', 'examples/kensei-tasks.yaml', '-f', `html:${join(sub, 'r.html')}`, '-f', `json:${join(sub, 'nope', 'r.json')}`]);
    expect(r.code).toBe(2);
    expect(readdirSync(sub)).toEqual([]);
  });
});

describe('task lists from spreadsheets', () => {
  const example = parseYaml(readFileSync('examples/kensei-tasks.yaml', 'utf8')) as { tasks: { id: string; name: string; description?: string; category?: string; facts?: Record<string, unknown> }[] };

  /** The 18 example tasks as a sheet, via the template's Japanese headers. */
  async function exampleWorkbook(file: string): Promise<void> {
    const t = kouiki(['template', 'tasks', '-f', `xlsx:${file}`, '--lang', 'ja', ...AS_OF]);
    expect(t.code, t.stderr).toBe(0);
    const wb = await workbook(file);
    const ws = wb.worksheets[0]!;
    const headers = rowValues(ws, 1) as string[];
    const columns = (rowValues(wb.getWorksheet('列の説明')!, 1) as string[]).length;
    expect(columns).toBe(6);
    const explained = wb.getWorksheet('列の説明')!;
    const idOf = new Map<string, string>();
    for (let i = 2; i <= explained.rowCount; i++) idOf.set(String(explained.getCell(i, 2).value), String(explained.getCell(i, 3).value));
    example.tasks.forEach((task, i) => {
      headers.forEach((h, c) => {
        const id = idOf.get(h)!;
        let v: unknown = id === 'id' ? task.id : id === 'name' ? task.name : id === 'description' ? task.description : id === 'category' ? task.category : task.facts?.[id];
        if (Array.isArray(v)) v = v.map((p: { name: string; kind: string }) => `${p.name}:${p.kind}`).join('; ');
        if (typeof v === 'boolean') v = v ? 'はい' : 'いいえ';
        if (v !== undefined && v !== null) ws.getCell(i + 2, c + 1).value = v as string;
      });
    });
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  }

  it('the 18 example tasks as a workbook and as CSV give the same results as the YAML list', async () => {
    const file = at('example-tasks.xlsx');
    await exampleWorkbook(file);
    const yaml = kouiki(['evaluate', 'examples/kensei-tasks.yaml', '-f', 'json', '--lang', 'ja', ...AS_OF]);
    const xlsx = kouiki(['evaluate', file, '-f', 'json', '--lang', 'ja', ...AS_OF]);
    expect(xlsx.stderr).toBe('');
    expect(xlsx.stdout).toBe(yaml.stdout);
    // The same sheet saved as CSV (as a planner's spreadsheet would): exceljs writes it.
    const wb = await workbook(file);
    const csv = at('example-tasks.csv');
    await wb.csv.writeFile(csv, { sheetName: wb.worksheets[0]!.name } as never);
    const fromCsv = kouiki(['evaluate', csv, '-f', 'json', '--lang', 'ja', ...AS_OF]);
    expect(fromCsv.stderr).toBe('');
    expect(fromCsv.stdout).toBe(yaml.stdout);
  });

  it('errors point at the sheet, row and column; every problem at once; exit 2', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['name', 'category', 'needsLegalEntity', 'parties']);
    ws.addRow(['a', 'wide-area-issue', 'yes', '小田原市:city']);
    ws.addRow(['b', 'no-such-category', 'perhaps', '小田原市']);
    ws.addRow(['', 'wide-area-issue', null, null]);
    const file = at('bad.xlsx');
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const r = kouiki(['evaluate', file, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${file}:Sheet1!B3: unknown category "no-such-category"`);
    expect(r.stderr).toContain(`${file}:Sheet1!C3: needsLegalEntity: expected yes, no or unknown, not "perhaps"`);
    expect(r.stderr).toContain(`${file}:Sheet1!D3: party "小田原市" is not NAME:KIND`);
    expect(r.stderr).toContain(`${file}:Sheet1!A4: the task has no name`);
    expect(r.stderr).not.toContain('    at ');
  });

  it('a workbook without the expected headers, merged cells, formulas: refused at their cell', async () => {
    const make = async (name: string, fill: (ws: ExcelJS.Worksheet) => void): Promise<string> => {
      const wb = new ExcelJS.Workbook();
      fill(wb.addWorksheet('Tasks'));
      const file = at(name);
      writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
      return file;
    };
    const noHeaders = await make('no-headers.xlsx', (ws) => {
      ws.addRow(['鳥獣被害対策', '広域的課題への取組']);
    });
    let r = kouiki(['evaluate', noHeaders, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${noHeaders}:Tasks!A1: the task table has no "name" column`);
    const merged = await make('merged.xlsx', (ws) => {
      ws.addRow(['name', 'category']);
      ws.addRow(['a', 'wide-area-issue']);
      ws.addRow(['b', null]);
      ws.mergeCells('B2:B3');
    });
    r = kouiki(['evaluate', merged, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${merged}:Tasks!B2: merged cells (B2:B3)`);
    const formula = await make('formula.xlsx', (ws) => {
      ws.addRow(['name', 'description']);
      ws.addRow(['a', { formula: 'CONCAT("x","y")', result: 'xy' }]);
    });
    r = kouiki(['evaluate', formula, '--lang', 'ja']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${formula}:Tasks!B2: 数式のセルがあります`);
    writeFileSync(at('not.xlsx'), 'name\nx\n');
    r = kouiki(['evaluate', at('not.xlsx'), '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a readable Excel workbook (.xlsx)');
  });

  it('CSV errors name the cell as a spreadsheet shows it', () => {
    const file = at('bad.csv');
    writeFileSync(file, 'name,mode\r\n"a, with comma",teleport\r\n');
    const r = kouiki(['evaluate', file, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:B2: mode: "teleport" is not one of`);
  });
});

describe('kouiki template tasks', () => {
  it('xlsx: the headers, drop-down lists for the categories and the yes/no/unknown facts, a sheet per column explained', async () => {
    const file = at('template.xlsx');
    const r = kouiki(['template', 'tasks', '-f', `xlsx:${file}`, '--lang', 'ja', ...AS_OF]);
    expect(r.code, r.stderr).toBe(0);
    const wb = await workbook(file);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['課題', 'visible'],
      ['列の説明', 'visible'],
      ['選択肢', 'hidden'],
    ]);
    const ws = wb.getWorksheet('課題')!;
    const headers = rowValues(ws, 1) as string[];
    expect(headers.slice(0, 5)).toEqual(['ID', '名称', '分類', '説明', '参加団体']);
    expect(headers).toContain('独自の法人格が必要');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const category = ws.getCell('C2').dataValidation;
    expect(category).toMatchObject({ type: 'list', allowBlank: true });
    const lists = wb.getWorksheet('選択肢')!;
    const col = headers.indexOf('独自の法人格が必要') + 1;
    const yesNo = ws.getCell(500, col).dataValidation;
    expect(yesNo.type).toBe('list');
    const ref = /!\$([A-Z]+)\$2:\$[A-Z]+\$(\d+)$/.exec(yesNo.formulae![0]!)!;
    const values = [];
    for (let i = 2; i <= Number(ref[2]); i++) values.push(lists.getCell(`${ref[1]}${i}`).value);
    expect(values).toEqual(['はい', 'いいえ', '不明']);
    const explained = wb.getWorksheet('列の説明')!;
    expect(rowValues(explained, 1)).toEqual(['列', '見出し', 'ID（英語の見出し）', '書く内容', '使える値', '別名（見出しとして使える）']);
    expect(explained.rowCount - 1).toBe(headers.length);
    // The template, filled in nowhere, is an empty task list: evaluate says so at A2.
    const e = kouiki(['evaluate', file, '--lang', 'en']);
    expect(e.code).toBe(2);
    expect(e.stderr).toContain(`${file}:課題!A2: the task table holds no task`);
  });

  it('csv: the header row, UTF-8 with a BOM; a format is required', () => {
    const r = kouiki(['template', 'tasks', '-f', 'csv', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('\ufeffid,name,category,description,parties,')).toBe(true);
    expect(r.stdout.endsWith('\r\n')).toBe(true);
    const none = kouiki(['template', 'tasks', '--lang', 'en']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('name the format with -f (xlsx or csv)');
  });

  it('an unwritable target: exit 2 and the old file kept', () => {
    const ro = at('ro');
    mkdirSync(ro);
    writeFileSync(join(ro, 't.csv'), 'old');
    chmodSync(ro, 0o555);
    try {
      const r = kouiki(['template', 'tasks', '-f', `csv:${join(ro, 't.csv')}`, '--lang', 'en']);
      // As root the directory stays writable; either way nothing is half-written.
      if (r.code !== 0) {
        expect(r.code).toBe(2);
        expect(readFileSync(join(ro, 't.csv'), 'utf8')).toBe('old');
      }
      expect(readdirSync(ro).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    } finally {
      chmodSync(ro, 0o755);
    }
  });
});
