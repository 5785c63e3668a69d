import { UserError } from '../../errors.js';

/**
 * CSV records of an e-Stat download (RFC 4180: fields may be quoted, a quote inside is doubled,
 * a quoted field may hold commas and line breaks; lines end in CRLF or LF). Each record comes
 * with the 1-based line it starts on, for messages. A callback rather than a list: a national
 * origin–destination table has millions of records, each used once.
 */

export type RecordHandler = (cells: string[], line: number) => void | 'stop';

/**
 * With `reuse`, every record is handed over in the same array (the handler must copy what it
 * keeps): a national table's millions of records then allocate no array each.
 */
export function readCsv(text: string, file: string, onRecord: RecordHandler, options: { reuse?: boolean } = {}): void {
  const n = text.length;
  let i = 0;
  let line = 1;
  const shared: string[] = [];
  while (i < n) {
    const start = line;
    let cells: string[];
    if (options.reuse) {
      cells = shared;
      cells.length = 0;
    } else cells = [];
    for (;;) {
      let cell: string;
      if (text.charCodeAt(i) === 34 /* " */) {
        const open = line;
        let j = i + 1;
        let out = '';
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) {
            throw new UserError(
              { ja: `${open} 行目で始まる引用符 " が閉じていません`, en: `a quote opened on line ${open} is never closed` },
              { position: { file, line: open }, hint: { ja: 'ファイルが途中で切れていないか確認してください（ダウンロードし直す）', en: 'check that the file is complete (download it again)' } },
            );
          }
          const chunk = text.slice(j, q);
          for (let k = chunk.indexOf('\n'); k >= 0; k = chunk.indexOf('\n', k + 1)) line++;
          out += chunk;
          if (text.charCodeAt(q + 1) === 34) {
            out += '"';
            j = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        cell = out;
        const c = text.charCodeAt(i);
        if (i < n && c !== 44 && c !== 10 && c !== 13) {
          throw new UserError(
            { ja: '引用符で閉じたセルの後に区切り（, か改行）がありません', en: 'a quoted cell is followed by text instead of a comma or a line end' },
            { position: { file, line }, hint: { ja: 'CSV が壊れています。e-Stat からダウンロードし直してください', en: 'the CSV is broken; download it again from e-Stat' } },
          );
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 44 || c === 10 || c === 13) break;
          j++;
        }
        cell = text.slice(i, j);
        i = j;
      }
      cells.push(cell);
      const c = text.charCodeAt(i);
      if (c === 44) {
        i++;
        continue;
      }
      if (c === 13) i++;
      if (text.charCodeAt(i) === 10) i++;
      line++;
      break;
    }
    if (onRecord(cells, start) === 'stop') return;
  }
}
