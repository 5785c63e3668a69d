import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatPosition, UserError, type ProblemDetail } from '../../errors.js';
import { defaultRulesDir } from '../../io/paths.js';
import { packMarkdown } from '../../rules-tools/doc.js';
import { lintPack } from '../../rules-tools/lint.js';
import { displayPath, inspectPackDir, loadDefaultPack, loadPackDir, makeLocator } from '../../rules-tools/load.js';
import { packIdentity, type Pack } from '../../pack/model.js';
import { DEFAULT_REVIEW_MONTHS, reviewItems } from '../../rules-tools/outdated.js';
import { listTestFiles, readRuleTests, loadRuleTests } from '../../rules-tools/tests/load.js';
import { runCase, type CaseOutcome, type EligibilityEvaluator } from '../../rules-tools/tests/run.js';
import { evaluateEligibility, type EligibilityRequest } from '../../core/eligibility/evaluate.js';
import type { MunicipalityIndex } from '../../core/eligibility/index.js';
import { buildIndex, embeddedBase } from '../../io/municipalities.js';
import type { MunicipalityRecord } from '../../schemas/municipalities.js';
import type { RunContext } from '../context.js';
import { emitAll, formatSpecs } from '../emit.js';

/** The pack directory: the argument, else --rules, else the embedded pack's rules/. */
function packDir(ctx: RunContext, args: string[]): { dir: string; isDefault: boolean } {
  const given = args[0] ?? ctx.opts.rules;
  const def = defaultRulesDir();
  if (given === undefined) return { dir: def, isDefault: true };
  const dir = resolve(ctx.io.cwd, given);
  let isDefault = false;
  try {
    isDefault = realpathSync(dir) === realpathSync(def);
  } catch {
    /* missing: reported by the loader */
  }
  return { dir, isDefault };
}

const say = (ctx: RunContext, ja: string, en: string): string => (ctx.opts.lang === 'ja' ? ja : en);

async function print(ctx: RunContext, allowed: readonly string[], fallback: string, render: (format: string) => string): Promise<void> {
  const specs = formatSpecs(ctx, allowed, fallback);
  await emitAll(ctx, specs, (spec) => ({ begin: () => render(spec.format), item: () => '', end: () => '' }), [], []);
}

function byPosition(a: ProblemDetail, b: ProblemDetail): number {
  const pa = a.position;
  const pb = b.position;
  if (!pa || !pb) return pa ? -1 : pb ? 1 : 0;
  if (pa.file !== pb.file) return pa.file < pb.file ? -1 : 1;
  return (pa.line ?? 0) - (pb.line ?? 0) || (pa.column ?? 0) - (pb.column ?? 0);
}

/** `kouiki rules validate [DIR]`: exit 1 on problems, 2 when the pack cannot be read. */
export async function validate(ctx: RunContext, args: string[]): Promise<number> {
  const { dir, isDefault } = packDir(ctx, args);
  const insp = inspectPackDir(dir, { isDefault });
  const problems: ProblemDetail[] = [...insp.problems];
  if (insp.pack) {
    problems.push(...lintPack(insp.pack.data, makeLocator(insp.parsed, dir)));
    problems.push(...readRuleTests(listTestFiles(dir), insp.pack.data).problems);
  }
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const k = `${p.position ? formatPosition(p.position) : ''}|${p.message.en}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  unique.sort(byPosition);
  const lang = ctx.opts.lang;
  const shown = displayPath(dir);
  const identity = insp.pack ? packIdentity(insp.pack) : null;
  await print(ctx, ['text', 'json'], 'text', (format) => {
    if (format === 'json') {
      const doc = {
        schemaVersion: 1,
        rulePack: identity,
        asOf: ctx.opts.asOf,
        dir: shown,
        problems: unique.map((p) => ({ ...(p.position ?? { file: shown }), message: p.message[lang] })),
        summary: { problems: unique.length },
      };
      return `${JSON.stringify(doc, null, 2)}\n`;
    }
    const lines = unique.map((p) => `${p.position ? `${formatPosition(p.position)}: ` : `${shown}: `}${p.message[lang]}`);
    if (unique.length > 0) lines.push(say(ctx, `✖ ${shown}: ${unique.length} 件の問題`, `✖ ${unique.length} problem${unique.length === 1 ? '' : 's'} in ${shown}`));
    else if (!ctx.opts.quiet) lines.push(say(ctx, `✓ ${shown}: 問題はありません（${identity!.name} ${identity!.version}）`, `✓ ${shown}: no problems (${identity!.name} ${identity!.version})`));
    return lines.length > 0 ? `${lines.join('\n')}\n` : '';
  });
  return unique.length > 0 ? 1 : 0;
}

let baseIndex: MunicipalityIndex | undefined;

/** A case's municipality as a name to look up, and the record to lay over the data (if any). */
function caseSubject(input: string | MunicipalityRecord, records: MunicipalityRecord[]): string {
  if (typeof input === 'string') return input;
  records.push(input);
  return input.code ?? `${input.prefecture ?? ''}${input.name}`;
}

/**
 * Runs an eligibility case of `kouiki rules test` through the same engine as `kouiki
 * eligibility`: the embedded municipality data (never `--data`: a pack's tests must not depend
 * on the files of the run), with the case's records (municipality, twin, partnerOf given as
 * figures) laid over it as one data file; then `input.designation` on `asOf`.
 */
export const ELIGIBILITY_EVALUATOR: EligibilityEvaluator = (pack, input, asOf, lang) => {
  const records: MunicipalityRecord[] = [];
  const name = caseSubject(input.municipality, records);
  const request: EligibilityRequest = { names: [name], designations: [input.designation] };
  if (input.merge) request.merge = input.merge;
  if (input.mergeKind) request.mergeKind = input.mergeKind;
  if (input.adjacent !== undefined) request.adjacent = input.adjacent;
  if (input.twin !== undefined) request.twin = caseSubject(input.twin, records);
  if (input.partnerOf !== undefined) request.partnerOf = caseSubject(input.partnerOf, records);
  const index = records.length > 0 ? buildIndex(embeddedBase(), [{ file: 'case', records: records.map((record) => ({ record })) }]) : (baseIndex ??= buildIndex(embeddedBase(), []));
  // A user error (unknown name, unknown designation) becomes the case's failure (run.ts).
  return evaluateEligibility(pack.data, index, request, asOf, lang)[0]!.designations[0]!;
};

function loadFor(dir: string, isDefault: boolean): Pack {
  return isDefault ? loadDefaultPack() : loadPackDir(dir).pack;
}

/** `kouiki rules test [DIR] [--filter NAME] [--with-default-tests]`: exit 1 on failures. */
export async function test(ctx: RunContext, args: string[], opts: Record<string, unknown>): Promise<number> {
  const { dir, isDefault } = packDir(ctx, args);
  const pack = loadFor(dir, isDefault);
  const files = listTestFiles(dir);
  if (opts.withDefaultTests === true && !isDefault) files.push(...listTestFiles(defaultRulesDir()));
  let cases = loadRuleTests(files, pack.data);
  const shown = displayPath(dir);
  if (cases.length === 0) {
    throw new UserError(
      { ja: `テストケースがありません: ${shown}/tests/*.yaml`, en: `no test cases in ${shown}/tests/*.yaml` },
      { hint: { ja: 'パックの tests/ にケースを書いてください（README の「ルールパックのテスト」）', en: 'write cases in the pack\'s tests/ directory (see "Testing a rule pack" in the README)' } },
    );
  }
  const filter = typeof opts.filter === 'string' ? opts.filter.toLowerCase() : undefined;
  if (filter !== undefined) {
    cases = cases.filter((c) => c.name.toLowerCase().includes(filter));
    if (cases.length === 0) {
      throw new UserError(
        { ja: `--filter「${String(opts.filter)}」に一致するケースがありません`, en: `no case matches --filter "${String(opts.filter)}"` },
        { hint: { ja: 'ケースの名前の一部を指定してください', en: 'give part of a case name' } },
      );
    }
  }
  const lang = ctx.opts.lang;
  const outcomes: CaseOutcome[] = cases.map((c) => runCase(pack, c, { lang, eligibility: ELIGIBILITY_EVALUATOR }));
  const passed = outcomes.filter((o) => o.passed).length;
  const failed = outcomes.length - passed;
  const summary = `${passed} passed, ${failed} failed`;
  await print(ctx, ['text', 'json'], 'text', (format) => {
    if (format === 'json') {
      const doc = {
        schemaVersion: 1,
        rulePack: packIdentity(pack),
        asOf: ctx.opts.asOf,
        results: outcomes.map((o) => ({ name: o.name, file: o.file, line: o.line, kind: o.kind, status: o.passed ? 'passed' : 'failed', failures: o.failures })),
        summary: { passed, failed },
      };
      return `${JSON.stringify(doc, null, 2)}\n`;
    }
    const lines: string[] = [];
    for (const o of outcomes) {
      if (o.passed) {
        if (!ctx.opts.quiet) lines.push(`✓ ${o.name}`);
        continue;
      }
      lines.push(`✗ ${o.name} (${o.file}:${o.line})`);
      for (const f of o.failures) lines.push(`    ${f}`);
    }
    lines.push(summary);
    return `${lines.join('\n')}\n`;
  });
  return failed > 0 ? 1 : 0;
}

/** `kouiki rules outdated [DIR] [--as-of]`: the values due for review, as file:line. */
export async function outdated(ctx: RunContext, args: string[]): Promise<number> {
  const { dir, isDefault } = packDir(ctx, args);
  const insp = inspectPackDir(dir, { isDefault });
  const raw = (insp.parsed.get('pack.yaml')?.value as { review?: { everyMonths?: unknown } } | null)?.review?.everyMonths;
  const every = typeof raw === 'number' ? raw : (insp.pack?.data.manifest.review?.everyMonths ?? DEFAULT_REVIEW_MONTHS);
  const asOf = ctx.opts.asOf;
  const items = reviewItems(insp.parsed, every, asOf);
  const shown = displayPath(dir);
  await print(ctx, ['text', 'json'], 'text', (format) => {
    if (format === 'json') {
      const doc = { schemaVersion: 1, rulePack: insp.pack ? packIdentity(insp.pack) : null, asOf, reviewEveryMonths: every, outdated: items, summary: { outdated: items.length } };
      return `${JSON.stringify(doc, null, 2)}\n`;
    }
    const lines = items.map((i) =>
      i.reason === 'changed'
        ? say(ctx, `${i.file}:${i.line}: ${i.label} — ${i.changedOn} に値が変わったが、最後の確認は ${i.reviewed}`, `${i.file}:${i.line}: ${i.label} — changed on ${i.changedOn}, last reviewed ${i.reviewed}`)
        : say(ctx, `${i.file}:${i.line}: ${i.label} — ${i.reviewed} に確認、${i.due} が再確認の期限`, `${i.file}:${i.line}: ${i.label} — reviewed ${i.reviewed}, due ${i.due}`),
    );
    if (!ctx.opts.quiet) {
      lines.push(
        items.length > 0
          ? say(ctx, `${items.length} 件の値が再確認の期限を過ぎています（${asOf} 時点、${every} か月ごと）`, `${items.length} value${items.length === 1 ? '' : 's'} due for review on ${asOf} (every ${every} months)`)
          : say(ctx, `✓ ${shown}: ${asOf} 時点で再確認の期限を過ぎた値はありません（${every} か月ごと）`, `✓ ${shown}: nothing due for review on ${asOf} (every ${every} months)`),
      );
    }
    return lines.length > 0 ? `${lines.join('\n')}\n` : '';
  });
  return 0;
}

/** `kouiki rules doc [DIR]`: the pack as Markdown beside the law it encodes. */
export async function doc(ctx: RunContext, args: string[]): Promise<number> {
  const { dir, isDefault } = packDir(ctx, args);
  const pack = loadPackDir(dir, { isDefault }).pack;
  const text = packMarkdown(pack, ctx.opts.lang);
  await print(ctx, ['markdown'], 'markdown', () => text);
  return 0;
}
