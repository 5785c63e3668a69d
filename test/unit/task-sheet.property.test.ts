// The spreadsheet task list parser (CSV and workbook) as properties: whatever valid tasks are
// written into a table, in either language's headers and values, come back as the same tasks;
// whatever a table holds, the parser answers with tasks or a UserError at a cell, nothing else.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { csvGrid } from '../../src/io/task-sheet-csv.js';
import { readTaskWorkbook } from '../../src/io/task-sheet-xlsx.js';
import { cellRef, cellText, parseParties, taskColumns, tasksFromGrid, type SheetValue } from '../../src/io/task-sheet.js';
import { KIND_LABEL } from '../../src/i18n/kind-labels.js';
import { csvField } from '../../src/report/text.js';
import { MUNICIPALITY_KINDS } from '../../src/schemas/common.js';
import type { Task } from '../../src/schemas/task.js';
import { defaultPack } from '../helpers/engine.js';

const data = defaultPack().data;
const dir = mkdtempSync(join(tmpdir(), 'kouiki-sheet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Text a cell keeps as it is: no surrounding white space, not empty. */
const cellString = (max: number): fc.Arbitrary<string> =>
  fc.string({ minLength: 1, maxLength: max, unit: fc.constantFrom(...'abcXYZ 甲乙丙市町村の「」,"\'\n;:：'.split('')) }).map((s) => s.trim()).filter((s) => s !== '');
const partyName = fc.string({ minLength: 1, maxLength: 8, unit: fc.constantFrom(...'abc甲乙丙市町 ・'.split('')) }).map((s) => s.trim()).filter((s) => s !== '');

const factArbs: Record<string, fc.Arbitrary<unknown>> = {};
for (const f of data.facts) {
  if (f.type === 'boolean') factArbs[f.id] = fc.boolean();
  else if (f.type === 'enum') factArbs[f.id] = fc.constantFrom(...f.values!.map((v) => v.id));
  else factArbs[f.id] = fc.array(fc.record({ name: partyName, kind: fc.constantFrom(...MUNICIPALITY_KINDS) }), { minLength: 1, maxLength: 3 });
}

const taskArb = fc.record(
  {
    name: cellString(20),
    description: cellString(40),
    category: fc.constantFrom(...data.categories.map((c) => c.id)),
    facts: fc.record(factArbs, { requiredKeys: [] }),
  },
  { requiredKeys: ['name'] },
);

interface Written {
  rows: SheetValue[][];
  expected: Task[];
}

/** The tasks as a table: each column headed by one of its accepted names, each value in either language. */
type GenTask = typeof taskArb extends fc.Arbitrary<infer T> ? T : never;

function table(tasks: readonly GenTask[], pick: (n: number) => number, withIds: boolean): Written {
  const columns = taskColumns(data);
  const header = columns.map((c) => c.aliases[pick(c.aliases.length)]!);
  const rows: SheetValue[][] = [header];
  const expected: Task[] = [];
  tasks.forEach((t, i) => {
    const lang = pick(2) === 0 ? 'ja' : 'en';
    const id = withIds ? `t${i}` : String(i + 1);
    const row: SheetValue[] = columns.map((c) => {
      const target = c.target;
      if (target.kind === 'id') return withIds ? id : null;
      if (target.kind === 'name') return t.name;
      if (target.kind === 'description') return t.description ?? null;
      if (target.kind === 'category') {
        if (!t.category) return null;
        const cat = data.categories.find((x) => x.id === t.category)!;
        return lang === 'ja' ? cat.name.ja : cat.id;
      }
      const fact = (target as { fact: string }).fact;
      const v = (t.facts as Record<string, unknown> | undefined)?.[fact];
      return v === undefined ? null : cellText(v as never, lang, data, fact) || null;
    });
    rows.push(row);
    const task: Task = { id, name: t.name, facts: { ...(t.facts as Task['facts']) } };
    if (t.description !== undefined) task.description = t.description;
    if (t.category !== undefined) task.category = t.category;
    expected.push(task);
  });
  return { rows, expected };
}

const csvText = (rows: SheetValue[][]): string => rows.map((r) => r.map((v) => (v === null ? '' : csvField(String(v)))).join(',')).join('\r\n');

describe('task sheet parser (property)', () => {
  it('CSV: every valid task list written as a table reads back as the same tasks (UTF-8, with or without BOM, or Shift_JIS-safe text)', () => {
    fc.assert(
      fc.property(fc.array(taskArb, { minLength: 1, maxLength: 6 }), fc.infiniteStream(fc.nat()), fc.boolean(), fc.boolean(), (tasks, stream, withIds, bom) => {
        const it = stream[Symbol.iterator]();
        const pick = (n: number): number => (it.next().value as number) % n;
        const { rows, expected } = table(tasks, pick, withIds);
        const text = (bom ? '\ufeff' : '') + csvText(rows);
        const got = tasksFromGrid(csvGrid(Buffer.from(text, 'utf8'), 'gen.csv'), data);
        expect(got).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('any table: tasks, or a UserError whose every problem is at a cell; never anything else', () => {
    const columns = taskColumns(data);
    const headerArb = fc.oneof(fc.constantFrom(...columns.flatMap((c) => c.aliases)), fc.string({ maxLength: 6 }));
    const cellArb = fc.oneof(fc.constant(null), fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constantFrom('はい', 'いいえ', '不明', 'yes', '小田原市:市', 'x:y', '広域的課題への取組', 'coordination'));
    fc.assert(
      fc.property(fc.array(headerArb, { maxLength: 8 }), fc.array(fc.array(cellArb, { maxLength: 9 }), { maxLength: 6 }), (header, body) => {
        try {
          const tasks = tasksFromGrid({ file: 'any.xlsx', sheet: 'S', rows: [header, ...body] }, data);
          expect(tasks.length).toBeGreaterThan(0);
        } catch (err) {
          if (!(err instanceof UserError)) throw err;
          const positions = err.details.map((d) => d.position?.file ?? '');
          expect(positions.length).toBeGreaterThan(0);
          for (const p of positions) expect(p).toMatch(/^any\.xlsx:S![A-Z]+\d+$/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('CSV: any bytes give tasks or a UserError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          tasksFromGrid(csvGrid(bytes, 'b.csv'), data);
        } catch (err) {
          if (!(err instanceof UserError)) throw err;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('workbook: the same tasks read back from an .xlsx written with exceljs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(taskArb, { minLength: 1, maxLength: 4 }), fc.infiniteStream(fc.nat()), fc.boolean(), async (tasks, stream, withIds) => {
        const it = stream[Symbol.iterator]();
        const pick = (n: number): number => (it.next().value as number) % n;
        const { rows, expected } = table(tasks, pick, withIds);
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('課題');
        for (const r of rows) ws.addRow(r);
        const file = join(dir, 'gen.xlsx');
        writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
        expect(await readTaskWorkbook(file, data, 1 << 26)).toEqual(expected);
      }),
      { numRuns: 12 },
    );
  });
});

describe('task sheet parser (cases)', () => {
  it('parties: 名前:種類 in both languages, ; or line breaks between them', () => {
    expect(parseParties('小田原市:市; 箱根町：町\n真鶴町:town')).toEqual([
      { name: '小田原市', kind: 'city' },
      { name: '箱根町', kind: 'town' },
      { name: '真鶴町', kind: 'town' },
    ]);
    expect(parseParties('神奈川県:都道府県')).toEqual([{ name: '神奈川県', kind: 'prefecture' }]);
    expect(parseParties('小田原市')).toBe('小田原市');
    expect(parseParties('小田原市:county')).toBe('小田原市:county');
    for (const k of MUNICIPALITY_KINDS) expect(parseParties(`x:${KIND_LABEL[k].ja}`)).toEqual([{ name: 'x', kind: k }]);
  });

  it('cell references: A1, Z9, AA10', () => {
    expect([cellRef(1, 0), cellRef(9, 25), cellRef(10, 26), cellRef(2, 701)]).toEqual(['A1', 'Z9', 'AA10', 'ZZ2']);
  });

  it('Shift_JIS CSV (Excel on a Japanese system) is read', () => {
    const text = '名称,分類\r\n鳥獣被害対策,広域的課題への取組\r\n';
    const encoded = encodeShiftJis(text);
    const tasks = tasksFromGrid(csvGrid(encoded, 's.csv'), data);
    expect(tasks).toEqual([{ id: '1', name: '鳥獣被害対策', category: 'wide-area-issue', facts: {} }]);
  });
});

/** Shift_JIS bytes of a text, through the decoder (Node has no Shift_JIS encoder): each character looked up. */
function encodeShiftJis(text: string): Uint8Array {
  const dec = new TextDecoder('shift_jis');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfc; hi++) {
    if (hi > 0x9f && hi < 0xe0) continue;
    for (let lo = 0x40; lo <= 0xfc; lo++) {
      if (lo === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else out.push(...table.get(ch)!);
  }
  return new Uint8Array(out);
}
