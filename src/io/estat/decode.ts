import { isUtf8 } from 'node:buffer';
import { UserError } from '../../errors.js';

/**
 * The bytes of an e-Stat download as text. e-Stat writes CSV in Shift_JIS (the table view's
 * default, and what Excel expects) or UTF-8 (the API; with or without a BOM): a BOM means UTF-8;
 * else the bytes are tried as UTF-8 and, failing that, as Shift_JIS (Windows-31J, as e-Stat's
 * own). Node's TextDecoder knows Shift_JIS when it carries full ICU (the official builds do); a
 * build without it gets a message saying how to convert the file instead of a wrong reading.
 */

export type Encoding = 'utf-8' | 'shift_jis';

export interface Decoded {
  text: string;
  encoding: Encoding;
  bom: boolean;
}

let sjis: InstanceType<typeof TextDecoder> | null | undefined;

function shiftJisDecoder(): InstanceType<typeof TextDecoder> | null {
  if (sjis !== undefined) return sjis;
  try {
    sjis = new TextDecoder('shift_jis', { fatal: true });
  } catch {
    sjis = null;
  }
  return sjis;
}

export function decodeEstat(bytes: Uint8Array, file: string): Decoded {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (bom) return { text: utf8(bytes.subarray(3), file), encoding: 'utf-8', bom: true };
  // isUtf8 checks a national table's tens of megabytes several times faster than a fatal decoder.
  if (isUtf8(bytes)) return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'), encoding: 'utf-8', bom: false };
  const dec = shiftJisDecoder();
  if (!dec) {
    throw new UserError(
      { ja: 'Shift_JIS のファイルですが、この Node.js は Shift_JIS を読めません（ICU が最小構成）', en: 'the file is Shift_JIS, which this build of Node.js cannot decode (it lacks full ICU)' },
      { position: { file }, hint: { ja: 'e-Stat で文字コード UTF-8 を選んでダウンロードし直すか、公式配布の Node.js を使ってください', en: 'download the file again with the UTF-8 encoding, or use an official Node.js build' } },
    );
  }
  try {
    return { text: dec.decode(bytes), encoding: 'shift_jis', bom: false };
  } catch {
    throw new UserError(
      { ja: '文字コードが UTF-8 でも Shift_JIS でもありません', en: 'the file is neither UTF-8 nor Shift_JIS' },
      { position: { file }, hint: { ja: 'e-Stat からダウンロードした CSV をそのまま指定してください', en: 'give the CSV as downloaded from e-Stat' } },
    );
  }
}

function utf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UserError(
      { ja: 'UTF-8 の BOM がありますが、UTF-8 として読めないバイトがあります', en: 'the file starts with a UTF-8 BOM but is not valid UTF-8' },
      { position: { file }, hint: { ja: 'e-Stat からダウンロードし直してください', en: 'download the file again' } },
    );
  }
}
