import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatUserError, UserError } from '../../errors.js';
import { buildCheckData } from '../../core/check/eligibility.js';
import { exitCode, fileReport, summarize } from '../../core/check/report.js';
import { checkDraft } from '../../core/check/run.js';
import type { FileFailure, FileReport } from '../../core/check/types.js';
import { citedSources, collectCitations, formatRef } from '../../core/citation.js';
import { dataIndex, dataResolver, loadDataFile } from '../../io/check-data.js';
import type { DataLayer } from '../../core/eligibility/index.js';
import { defaultConfig, findConfig, loadConfig, type CheckConfig } from '../../io/config.js';
import { discoverDrafts, displayName } from '../../io/discover.js';
import { repoRoot } from '../../io/repo-root.js';
import { loadDraft } from '../../io/draft.js';
import { checkPack, type CheckPack } from '../../pack/checks.js';
import { packIdentity } from '../../pack/model.js';
import { renderCheck, type CheckRun, type RuleMeta } from '../../report/check/index.js';
import { markdown } from '../../report/check/markdown.js';
import { VERSION } from '../../version.js';
import { CHECK_REPORT_FORMATS } from '../../report/formats.js';
import { readFileSync } from 'node:fs';
import type { RunContext } from '../context.js';
import { chalkFor, emitAll, formatSpecs } from '../emit.js';
import type { FormatSpec } from '../output.js';

function parseMaxWarnings(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const s = String(value);
  if (/^-?\d+$/.test(s) && Number(s) >= -1) return Number(s);
  throw new UserError(
    { ja: `--max-warnings の値が正しくありません: ${s}`, en: `--max-warnings: not a number of warnings: ${s}` },
    { hint: { ja: '0 以上の整数（-1 は無制限）を指定してください', en: 'give a whole number, 0 or more (-1 for no limit)' } },
  );
}

function resolveConfig(ctx: RunContext, cp: CheckPack): CheckConfig {
  const cwd = ctx.io.cwd;
  // A --config that does not exist has stopped the run already (src/cli/main.ts).
  if (ctx.opts.config !== undefined) return loadConfig(resolve(cwd, ctx.opts.config), cwd, cp, ctx.opts.maxInputSize);
  const found = findConfig(cwd);
  return found ? loadConfig(found, cwd, cp, ctx.opts.maxInputSize) : defaultConfig(cp);
}

function ruleMeta(ctx: RunContext, cp: CheckPack, cfg: CheckConfig, severity: (rule: string) => 'off' | 'warn' | 'error'): RuleMeta[] {
  const lang = ctx.opts.lang;
  const data = ctx.pack().data;
  return cp.rules.map((r) => ({
    id: r.id,
    name: r.name[lang],
    description: r.description[lang],
    help: r.help[lang],
    citation: r.ref ? formatRef(r.ref, data, lang) : (r.citation?.[lang] ?? ''),
    defaultSeverity: r.severity,
    severity: severity(r.id),
  }));
}

/** A file that could not be checked: its first problem's position and the whole message. */
function failureOf(err: UserError, shown: string, lang: 'ja' | 'en'): FileFailure {
  const first = err.details[0]?.position;
  const message = err.details.length === 1 && err.details[0]!.message !== err.text ? `${err.text[lang]}: ${err.details[0]!.message[lang]}` : err.details.length > 0 ? `${err.text[lang]}: ${err.details.map((d) => d.message[lang]).join('; ')}` : err.text[lang];
  const f: FileFailure = { path: shown, message };
  if (first?.line !== undefined) f.line = first.line;
  if (first?.column !== undefined) f.column = first.column;
  return f;
}

/**
 * `kouiki check PATH...`: every draft found is checked and reported; a file that cannot be
 * checked (unreadable, not YAML, its data: missing) is reported on stderr and as a failure in
 * the formats, and makes the exit code 2 while the others are still checked. Bad flags, a broken
 * config or --data file, or a path that yields no draft stop the run at once (exit 2).
 */
export async function run(ctx: RunContext, args: string[], opts: Record<string, unknown>): Promise<number> {
  const lang = ctx.opts.lang;
  const pack = ctx.pack();
  const cp = checkPack(pack.data);
  if (!cp) {
    throw new UserError(
      { ja: 'このルールパックには政策案チェックのルール（checks.yaml）がありません', en: 'this rule pack has no policy draft check rules (checks.yaml)' },
      { hint: { ja: 'pack.yaml に extends: default と書くと既定のルールを引き継げます', en: 'write extends: default in pack.yaml to inherit the default ones' } },
    );
  }
  const cliMax = parseMaxWarnings(opts.maxWarnings);
  const failOnWarn = opts.failOnWarn === true;
  let specs: FormatSpec[] = formatSpecs(ctx, CHECK_REPORT_FORMATS, 'stylish');
  if (ctx.opts.format.length === 0 && ctx.io.env.GITHUB_ACTIONS === 'true') specs = [...specs, { format: 'github', file: null, shown: null }];
  const cfg = resolveConfig(ctx, cp);
  const files = discoverDrafts(args, ctx.io.cwd, ctx.opts.ignored);

  const layers: DataLayer[] = [];
  for (const d of ctx.opts.data) {
    const abs = resolve(ctx.io.cwd, d);
    layers.push(loadDataFile(abs, displayName(abs, ctx.io.cwd), ctx.opts.maxInputSize));
  }
  const checkData = (own: readonly DataLayer[]) => {
    const index = dataIndex([...layers, ...own]);
    return buildCheckData(index, pack.data, ctx.opts.asOf, lang, dataResolver(index));
  };
  const baseData = checkData([]);
  const schemaCitation = cp.byId.get('schema')?.citation?.[lang] ?? 'kouiki schema draft';
  const suppressionCitation = cp.byId.get('suppression')?.citation?.[lang] ?? '';
  // --quiet as ESLint's: rules set to warn are not run, so their findings are neither reported
  // nor counted against --max-warnings.
  const severity = (rule: string): 'off' | 'warn' | 'error' => {
    const sev = cfg.severity[rule] ?? 'off';
    return ctx.opts.quiet && sev === 'warn' ? 'off' : sev;
  };

  const reports: FileReport[] = [];
  const failures: FileFailure[] = [];
  /** The file behind each path a report shows (the HTML report quotes the offending lines). */
  const fileOf = new Map<string, string>();
  for (const file of files) {
    try {
      const loaded = await loadDraft(file.path, { pack: pack.data, lang, cwd: ctx.io.cwd, maxBytes: ctx.opts.maxInputSize, schemaCitation });
      const findings = [...loaded.schemaFindings];
      if (loaded.checked) {
        const data = loaded.data.length > 0 ? checkData(loaded.data) : baseData;
        findings.push(
          ...checkDraft(loaded.checked, {
            pack,
            lang,
            asOf: ctx.opts.asOf,
            data,
            options: cfg.options,
            enabled: (rule) => severity(rule) !== 'off',
          }),
        );
      }
      const report = fileReport(loaded.path, findings, loaded.directives, { lang, severity, suppressionCitation });
      // --quiet: a finding an error rule could only report as a warning ("cannot be decided") goes too.
      reports.push(ctx.opts.quiet ? { ...report, diagnostics: report.diagnostics.filter((d) => d.severity === 'error'), warningCount: 0 } : report);
      fileOf.set(loaded.path, file.path);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      failures.push(failureOf(err, file.shown, lang));
      ctx.io.stderr.write(`${formatUserError(err, lang)}\n`);
    }
  }

  const summary = summarize(reports);
  const maxWarnings = cliMax ?? cfg.maxWarnings;
  const code = exitCode(summary, failures.length, { maxWarnings, failOnWarn });
  const checkRun: CheckRun = {
    head: { schemaVersion: 1, rulePack: packIdentity(pack), asOf: ctx.opts.asOf },
    lang,
    version: VERSION,
    files: reports,
    failures,
    summary,
    rules: ruleMeta(ctx, cp, cfg, severity),
    repo: { root: repoRoot(ctx.io.cwd, ctx.io.env), cwd: ctx.io.cwd },
  };
  // The sources the diagnostics cite, in full; each rule's own citation as the SARIF help link.
  checkRun.sources = citedSources(collectCitations(reports), pack.data, lang);
  checkRun.ruleUrls = Object.fromEntries(
    checkRun.rules.flatMap((r) => {
      const url = citedSources([r.citation], pack.data, lang)[0]?.citations[0]?.url;
      return url ? [[r.id, url]] : [];
    }),
  );
  const stepSummary = ctx.io.env.GITHUB_STEP_SUMMARY;
  const hasGithub = specs.some((s) => s.format === 'github');
  const chalk = chalkFor(ctx);
  const plain = chalkFor({ ...ctx, opts: { ...ctx.opts, color: false } });
  const inputs = files.map((f) => f.path);
  // The report and the workbook load only when asked for.
  const htmlReport = specs.some((s) => s.format === 'html') ? await import('../../report/html/index.js') : null;
  const xlsxReport = specs.some((s) => s.format === 'xlsx') ? await import('../../report/xlsx/index.js') : null;
  const reportEnv = {
    lang,
    head: checkRun.head,
    data: ctx.pack().data,
    asked: [lang === 'ja' ? `政策案のチェック: ${args.join(' ')}` : `check the policy drafts ${args.join(' ')}`],
    sourceLines: (path: string): string[] | null => {
      const abs = fileOf.get(path);
      if (abs === undefined) return null;
      try {
        return readFileSync(abs, 'utf8').split(/\r?\n/);
      } catch {
        return null;
      }
    },
  };
  await emitAll(
    ctx,
    specs,
    (spec) => {
      if (spec.format === 'xlsx') return xlsxReport!.checkXlsxRenderer(checkRun, reportEnv);
      const text = spec.format === 'html' ? htmlReport!.checkDocument(checkRun, reportEnv) : renderCheck(spec.format, checkRun, { chalk: spec.file ? plain : chalk, stepSummary: Boolean(stepSummary) });
      return { begin: () => text, item: () => '', end: () => '' };
    },
    [],
    inputs,
  );
  if (hasGithub && stepSummary) {
    try {
      appendFileSync(stepSummary, markdown(checkRun));
    } catch (err) {
      ctx.io.stderr.write(`kouiki: ${lang === 'ja' ? 'ジョブの概要に書き込めません' : 'cannot write the job summary'} (${(err as NodeJS.ErrnoException).code ?? 'error'}): ${stepSummary}\n`);
    }
  }
  if (!ctx.opts.quiet && summary.errors === 0 && failures.length === 0) {
    if (failOnWarn && summary.warnings > 0) {
      ctx.io.stderr.write(lang === 'ja' ? `kouiki: 警告が ${summary.warnings} 件あります（--fail-on-warn）\n` : `kouiki: ${summary.warnings} warning(s) with --fail-on-warn\n`);
    } else if (maxWarnings >= 0 && summary.warnings > maxWarnings) {
      ctx.io.stderr.write(lang === 'ja' ? `kouiki: 警告が多すぎます（${summary.warnings} 件、上限 ${maxWarnings} 件）\n` : `kouiki: too many warnings (${summary.warnings}; maximum: ${maxWarnings})\n`);
    }
  }
  return code;
}
