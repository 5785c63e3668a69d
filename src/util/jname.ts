/**
 * Japanese place names as people write them, folded to one key so that the variants of one name
 * meet: full- and half-width forms (NFKC: ｹ → ケ, Ａ → A), spaces, the small and large ke
 * (鶴ヶ島市 / 鶴ケ島市, and ヵ, が as in 関が原), 之 / の / ノ (中之条町 / 中の条町), and the 旧字体 of
 * kanji whose 新字体 a code list may use (or the other way round: 龍ケ崎市 keeps 龍). The same fold
 * is applied to the query and to every known name, so whichever form a list holds, both meet.
 * Two different names that fold to one key are ambiguous to the caller, never merged.
 */

/**
 * 旧字体 → 新字体 (or a common 異体字 → the usual form) for kanji met in municipality names. Not a
 * full table: the characters of place names that are written both ways (沢/澤, 浜/濱, 辺/邊/邉,
 * 崎/﨑, 島/嶋, 竜/龍, 桧/檜, 鯵/鰺, ...).
 */
const KANJI: Record<string, string> = {
  澤: '沢', 濱: '浜', 邊: '辺', 邉: '辺', 廣: '広', 國: '国', 會: '会', 縣: '県', 龍: '竜', 櫻: '桜',
  鹽: '塩', 臺: '台', 嶋: '島', 嶌: '島', 淺: '浅', 靜: '静', 當: '当', 佛: '仏', 寶: '宝', 寳: '宝',
  禮: '礼', 齋: '斎', 齊: '斉', 髙: '高', '\u{FA11}': '崎', 嵜: '崎', 碕: '崎', 眞: '真', 檜: '桧', 鰺: '鯵',
  舘: '館', 圓: '円', 萬: '万', 藝: '芸', 壽: '寿', 豐: '豊', 條: '条', 與: '与', 氣: '気', 黑: '黒',
  增: '増', 戶: '戸', 德: '徳', 將: '将', 榮: '栄', 驛: '駅', 鐵: '鉄', 龜: '亀', 蘆: '芦', 曾: '曽',
  惠: '恵', 瀧: '滝', 冨: '富', 峯: '峰', 嶽: '岳', 淵: '渕', 實: '実', 總: '総', 狹: '狭', 瀨: '瀬',
  﨔: '欅', 樂: '楽', 來: '来', 兒: '児', 歸: '帰', 豫: '予', 彌: '弥', 聲: '声',
  藪: '薮', 籔: '薮', 槇: '槙', 舩: '船', 艸: '草', 彥: '彦', 靑: '青',
};

/** Every character the fold changes after NFKC, and what it becomes ('' for white space). */
const FOLD: Record<string, string> = { ...KANJI, ヶ: 'ケ', ヵ: 'ケ', が: 'ケ', 之: 'の', ノ: 'の', 乃: 'の' };
const FOLD_RE = new RegExp(`[\\s${Object.keys(FOLD).join('')}]`, 'gu');

/**
 * Text NFKC leaves as it is: ASCII, hiragana and katakana without the spacing sound marks and
 * the digraphs (゛゜ゟヿ), and the CJK unified ideographs (the compatibility ones, 﨑, are not in
 * the range). Municipality names are such text, and a run folds ~3,600 of them (the code list
 * and its suggestions): ICU's normalizer is skipped for them.
 */
const NFKC_STABLE = /^[\x20-\x7e\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe\u4e00-\u9fff]*$/;

/** The key two spellings of one name share (see the module comment). */
export function nameKey(name: string): string {
  const n = NFKC_STABLE.test(name) ? name : name.normalize('NFKC');
  return n.replace(FOLD_RE, (c) => FOLD[c] ?? '');
}

/** The kind suffixes a municipality or prefecture name may be written without. */
export const NAME_SUFFIXES = ['市', '町', '村', '都', '道', '府', '県'] as const;

/** The key without its kind suffix (小田原市 → 小田原), or the key itself when it has none or is only a suffix. */
export function stemKey(key: string): string {
  const last = key.slice(-1);
  return key.length > 1 && (NAME_SUFFIXES as readonly string[]).includes(last) ? key.slice(0, -1) : key;
}

/** Whether the text is written in kana only (a reading: おだわらし). */
export function isKana(s: string): boolean {
  return /^[\u3041-\u309f\u30a1-\u30ff\u30fc]+$/.test(s);
}

/** Katakana → hiragana, so that a reading typed in either script compares with the code list's hiragana. */
export function toHiragana(s: string): string {
  return s.normalize('NFKC').replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

/** The reading without the kind's reading at its end (おだわらし → おだわら), for comparing stems. */
export function stemReading(r: string): string {
  return r.replace(/(し|ちょう|まち|そん|むら|く)$/, '');
}
