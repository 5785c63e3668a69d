import { CHECK_REPORT_FORMATS } from '../../report/formats.js';
import type { CommandSpec } from '../spec.js';

export const checkSpec: CommandSpec = {
  name: 'check',
  args: '<paths...>',
  summary: {
    ja: '政策案（YAML）をチェックする: 中心市の要件、制度の可否、規約の必要的記載事項など（CI 向け、終了コード 0/1/2）',
    en: 'check policy drafts (YAML): central city requirements, instruments the law allows, what the charter must state, ... (for CI; exit 0/1/2)',
  },
  formats: CHECK_REPORT_FORMATS,
  // The rules listed in the help come from the pack (rules/checks.yaml), so it is loaded first.
  packOptions: true,
  examples: [
    { cmd: 'kouiki check examples/drafts/', what: { ja: 'ディレクトリ内の政策案をすべて', en: 'every draft under a directory' } },
    { cmd: 'kouiki check "drafts/**/*.yaml" -f sarif:kouiki.sarif -f stylish', what: { ja: 'パターンで選び、SARIF をファイルへ・結果を画面へ', en: 'drafts by pattern: SARIF to a file, the list on screen' } },
    { cmd: 'kouiki check drafts/ --max-warnings 0', what: { ja: '警告が 1 件でもあれば失敗（終了コード 1）', en: 'fail (exit 1) on any warning' } },
  ],
  configure(cmd, env) {
    const t = (ja: string, en: string): string => (env.lang === 'ja' ? ja : en);
    cmd.option('--max-warnings <n>', t('警告がこの数を超えたら失敗（終了コード 1）。既定は設定の maxWarnings、なければ無制限', 'fail (exit 1) when there are more warnings than this; default: the config\'s maxWarnings, else no limit'));
    cmd.option('--fail-on-warn', t('警告が 1 件でもあれば失敗（終了コード 1）', 'fail (exit 1) on any warning'));
    // Read without the pack's schema module (zod), which help must not load.
    const rules = (env.pack().data.extra.checks as { id: string; severity: string; name: { ja: string; en: string } }[] | undefined) ?? [];
    if (rules.length > 0) {
      const w = Math.max(...rules.map((r) => r.id.length));
      const lines = rules.map((r) => `  ${r.id.padEnd(w)}  ${r.severity.padEnd(5)}  ${r.name[env.lang]}`);
      cmd.addHelpText(
        'after',
        `${t('ルール（既定の重大度。kouiki.config.yaml の rules: で off|warn|error に変更）', "Rules (default severity; change with rules: in kouiki.config.yaml, off|warn|error)")}:\n${lines.join('\n')}\n\n${t('終了コード: 0 問題なし（警告は --max-warnings 以内）、1 エラーあり（又は警告が多すぎる）、2 チェックできない（読めない・YAML でない・設定が壊れている）', 'Exit codes: 0 clean (warnings within --max-warnings), 1 errors (or too many warnings), 2 the check could not be done (unreadable, not YAML, broken config)')}\n`,
      );
    }
  },
  run: async (ctx, args, opts) => (await import('../commands/check.js')).run(ctx, args, opts),
};
