import { MAX_DAY_NIGHT_RATIO } from '../../schemas/municipality-plausibility.js';
import type { EligibilityRequest, FigureOverrides } from '../../core/eligibility/evaluate.js';
import type { MunicipalityIndex } from '../../core/eligibility/index.js';
import type { MetroArea } from '../../core/eligibility/model.js';
import { formatPosition, UserError, type ProblemDetail } from '../../errors.js';
import type { Localized } from '../../i18n/lang.js';
import { loadMunicipalities } from '../../io/load-municipalities.js';
import { buildCacheDir } from '../lazy-bundle.js';
import type { MunicipalityKind } from '../../schemas/kinds.js';
import type { RunContext } from '../context.js';
import type { PackData } from '../../pack/model.js';
import { vocabularyOf } from '../../core/vocabulary.js';
import { parseCount, readFraction, type AboveMax } from '../../util/numbers.js';
import { readId } from '../vocab-args.js';

/**
 * The input of an eligibility check from the command line, shared by `kouiki eligibility` and
 * `kouiki explain NAME --designation ID`: figure flags parsed and range-checked, the request
 * checked for combinations that make no sense (exit 2), and the municipality index (embedded
 * data with every `--data` file laid over it, in order).
 */

function bad(text: Localized, hint: Localized): UserError {
  return new UserError(text, { hint });
}

/** A non-negative integer; thousands separators (230,000) and full-width digits are accepted. */
export function parsePopulation(v: string): number {
  const n = parseCount(v);
  if (n !== null) return n;
  throw bad(
    { ja: `--population は0以上の整数です: ${v}`, en: `--population: not a non-negative integer: ${v}` },
    { ja: '国勢調査の人口を整数で指定してください（例: --population 230000）', en: 'give the census population as a whole number (e.g. --population 230000)' },
  );
}

/**
 * A ratio or share: a fraction (`0.9896`) or a percentage (`98.96%`). A bare number above `max`
 * is read as a percentage only for the day/night ratio, whose published unit is the percentage
 * (`percent`); for a share it could as well be a count, so the user is asked to write `12%`.
 */
export function parseFraction(v: string, flag: string, max: number, above: AboveMax = max === 1 ? 'error' : 'percent'): number {
  const r = readFraction(v, max, above);
  if (r.ok) return r.value;
  const example = max === 1 ? { pct: '12.5%', frac: '0.125' } : { pct: '98.96%', frac: '0.9896' };
  throw bad(
    { ja: `${flag} の値が正しくありません: ${v}`, en: `${flag}: not a ratio: ${v}` },
    r.why === 'ambiguous'
      ? { ja: `${flag} は0〜${max}の比で指定します。${v} が百分率なら「${v}%」と書いてください（例: ${example.pct} 又は ${example.frac}）`, en: `${flag} takes a fraction from 0 to ${max}; if ${v} is a percentage, write "${v}%" (e.g. ${example.pct} or ${example.frac})` }
      : { ja: `比（例: ${example.frac}）か百分率（例: ${example.pct}）で、0〜${max * 100}% の範囲で指定してください`, en: `give a fraction (e.g. ${example.frac}) or a percentage (e.g. ${example.pct}) from 0 to ${max * 100}%` },
  );
}

export function list(values: unknown): string[] {
  return ((values as string[] | undefined) ?? []).flatMap((v) => v.split(/[,，、]/)).map((s) => s.trim()).filter(Boolean);
}

/** The request of `kouiki eligibility`, checked for combinations that make no sense (exit 2). */
export function requestFromOptions(names: string[], opts: Record<string, unknown>, command = 'eligibility', data?: PackData): EligibilityRequest {
  const figures: FigureOverrides = {};
  if (opts.population !== undefined) figures.population = parsePopulation(String(opts.population));
  if (opts.dayNightRatio !== undefined) figures.dayNightRatio = parseFraction(String(opts.dayNightRatio), '--day-night-ratio', MAX_DAY_NIGHT_RATIO);
  if (opts.metroCoreCommuteShare !== undefined) figures.metroCoreCommuteShare = parseFraction(String(opts.metroCoreCommuteShare), '--metro-core-commute-share', 1);
  if (opts.metroArea !== undefined) figures.metroArea = opts.metroArea as MetroArea;
  if (opts.kind !== undefined) figures.kind = opts.kind as MunicipalityKind;
  const hasFigures = Object.keys(figures).length > 0;
  const merge = list(opts.merge);
  // A designation by its id or name (--designation 中核市).
  const vocab = data ? vocabularyOf(data) : null;
  const designations = list(opts.designation).map((d) => (vocab ? readId(vocab, 'designation', d, '--designation') : d));
  const request: EligibilityRequest = { names };
  if (hasFigures) request.figures = figures;
  if (merge.length > 0) request.merge = merge;
  if (designations.length > 0) request.designations = designations;
  if (typeof opts.twin === 'string') request.twin = opts.twin;
  if (opts.mergeKind === 'incorporation' || opts.mergeKind === 'new') request.mergeKind = opts.mergeKind;
  if (typeof opts.adjacent === 'boolean') request.adjacent = opts.adjacent;
  if (typeof opts.partnerOf === 'string') request.partnerOf = opts.partnerOf;
  if (opts.partners === true) request.partners = true;

  const hint = { ja: `\`kouiki ${command} --help\` の例を参照してください`, en: `see the examples of \`kouiki ${command} --help\`` };
  if (names.length === 0 && !hasFigures) {
    throw bad({ ja: '市町村名か数値（--population など）を指定してください', en: 'give a municipality name, or figures (--population, --day-night-ratio, ...)' }, hint);
  }
  if (merge.length > 0 && names.length !== 1) {
    throw bad({ ja: '--merge は市町村名 1 つと組み合わせます（例: 小田原市 --merge 南足柄市）', en: '--merge goes with exactly one NAME (e.g. 小田原市 --merge 南足柄市)' }, hint);
  }
  if (request.mergeKind !== undefined && merge.length === 0) {
    throw bad({ ja: '--merge-kind は --merge と組み合わせます（例: 水戸市 --merge 茨城町 --merge-kind incorporation）', en: '--merge-kind goes with --merge (e.g. 水戸市 --merge 茨城町 --merge-kind incorporation)' }, hint);
  }
  if (request.adjacent !== undefined && request.twin === undefined) {
    throw bad({ ja: '--adjacent / --no-adjacent は --twin と組み合わせます（例: 山口市 --twin 宇部市 --adjacent）', en: '--adjacent / --no-adjacent go with --twin (e.g. 山口市 --twin 宇部市 --adjacent)' }, hint);
  }
  if (request.twin !== undefined && names.length !== 1) {
    throw bad({ ja: '--twin は市町村名 1 つと組み合わせます', en: '--twin goes with exactly one NAME' }, hint);
  }
  if (hasFigures && names.length > 1) {
    throw bad({ ja: '数値のフラグは 1 つの市町村にだけ指定できます', en: 'figure flags apply to one municipality; give one NAME' }, hint);
  }
  if (request.partners) {
    if (names.length === 0) throw bad({ ja: '--partners には中心市の名前が必要です（例: 小田原市 --partners）', en: '--partners needs the central city NAME (e.g. 小田原市 --partners)' }, hint);
    if (request.partnerOf !== undefined) throw bad({ ja: '--partners と --partner-of は同時に使えません', en: '--partners and --partner-of cannot be combined' }, hint);
    if (hasFigures) throw bad({ ja: '--partners と数値のフラグは同時に使えません', en: '--partners cannot be combined with figure flags' }, hint);
  }
  return request;
}

/**
 * The municipality index of a run: the embedded data with the `--data` files over it. A record
 * whose name the code list does not know is a warning on stderr (`--strict`: an error).
 */
export async function loadIndex(ctx: RunContext, opts: Record<string, unknown> = {}): Promise<MunicipalityIndex> {
  const warnings: ProblemDetail[] = [];
  const index = await loadMunicipalities(ctx.opts.data, { maxBytes: ctx.opts.maxInputSize, strict: opts.strict === true, warnings, cacheDir: buildCacheDir() });
  const lang = ctx.opts.lang;
  for (const w of warnings) ctx.io.stderr.write(`${w.position ? `${formatPosition(w.position)}: ` : ''}${lang === 'ja' ? '警告' : 'warning'}: ${w.message[lang]}\n`);
  return index;
}
