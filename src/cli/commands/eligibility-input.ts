import type { EligibilityRequest, FigureOverrides } from '../../core/eligibility/evaluate.js';
import type { MunicipalityIndex } from '../../core/eligibility/index.js';
import type { MetroArea } from '../../core/eligibility/model.js';
import { formatPosition, UserError, type ProblemDetail } from '../../errors.js';
import type { Localized } from '../../i18n/lang.js';
import { loadMunicipalities } from '../../io/load-municipalities.js';
import { buildCacheDir } from '../lazy-bundle.js';
import type { MunicipalityKind } from '../../schemas/kinds.js';
import type { RunContext } from '../context.js';

/**
 * The input of an eligibility check from the command line, shared by `kouiki eligibility` and
 * `kouiki explain NAME --designation ID`: figure flags parsed and range-checked, the request
 * checked for combinations that make no sense (exit 2), and the municipality index (embedded
 * data with every `--data` file laid over it, in order).
 */

function bad(text: Localized, hint: Localized): UserError {
  return new UserError(text, { hint });
}

/** A non-negative integer; thousands separators (230,000) are accepted. */
export function parsePopulation(v: string): number {
  const s = v.trim();
  if (/^\d+$/.test(s) || /^\d{1,3}(,\d{3})+$/.test(s)) {
    const n = Number(s.replace(/,/g, ''));
    if (Number.isSafeInteger(n)) return n;
  }
  throw bad(
    { ja: `--population は 0 以上の整数です: ${v}`, en: `--population: not a non-negative integer: ${v}` },
    { ja: '国勢調査の人口を整数で指定してください（例: --population 230000）', en: 'give the census population as a whole number (e.g. --population 230000)' },
  );
}

/** A decimal number within [0, max] (a ratio or a share). */
export function parseFraction(v: string, flag: string, max: number): number {
  const s = v.trim();
  const n = /^(\d+(\.\d*)?|\.\d+)$/.test(s) ? Number(s) : Number.NaN;
  if (Number.isFinite(n) && n >= 0 && n <= max) return n;
  const percent = Number.isFinite(n) && n > max && n <= 100 * max;
  throw bad(
    { ja: `${flag} は 0 以上 ${max} 以下の数です: ${v}`, en: `${flag}: must be a number from 0 to ${max}: ${v}` },
    percent
      ? { ja: `百分率ではなく比で指定してください（例: ${n}% は ${Number((n / 100).toFixed(8))}）`, en: `give a fraction, not a percentage (e.g. ${n}% is ${Number((n / 100).toFixed(8))})` }
      : { ja: `例: ${flag} ${max === 1 ? '0.14' : '0.97'}`, en: `e.g. ${flag} ${max === 1 ? '0.14' : '0.97'}` },
  );
}

export function list(values: unknown): string[] {
  return ((values as string[] | undefined) ?? []).flatMap((v) => v.split(/[,，、]/)).map((s) => s.trim()).filter(Boolean);
}

/** The request of `kouiki eligibility`, checked for combinations that make no sense (exit 2). */
export function requestFromOptions(names: string[], opts: Record<string, unknown>, command = 'eligibility'): EligibilityRequest {
  const figures: FigureOverrides = {};
  if (opts.population !== undefined) figures.population = parsePopulation(String(opts.population));
  if (opts.dayNightRatio !== undefined) figures.dayNightRatio = parseFraction(String(opts.dayNightRatio), '--day-night-ratio', 10);
  if (opts.metroCoreCommuteShare !== undefined) figures.metroCoreCommuteShare = parseFraction(String(opts.metroCoreCommuteShare), '--metro-core-commute-share', 1);
  if (opts.metroArea !== undefined) figures.metroArea = opts.metroArea as MetroArea;
  if (opts.kind !== undefined) figures.kind = opts.kind as MunicipalityKind;
  const hasFigures = Object.keys(figures).length > 0;
  const merge = list(opts.merge);
  const designations = list(opts.designation);
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
