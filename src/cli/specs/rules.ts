import type { CommandSpec } from '../spec.js';

const dirArg = '[dir]';

const validateSpec: CommandSpec = {
  name: 'validate',
  loadsPack: false,
  args: dirArg,
  summary: {
    ja: 'ルールパックを検査する: スキーマ、参照（不明な制度・事実・パラメータ・出典）、一意であるべき表の重なり、出典のない値、テストケースの形。問題は file:line:col で',
    en: 'check a rule pack: schema, references (unknown instrument, fact, parameter, source), overlaps in tables that must be unique, values without a citation, the test files; each problem as file:line:col',
  },
  formats: ['text', 'json'],
  examples: [
    { cmd: 'kouiki rules validate', what: { ja: '組み込みのルールパック（rules/）を検査', en: 'check the embedded pack (rules/)' } },
    { cmd: 'kouiki rules validate examples/rule-packs/kanagawa', what: { ja: '独自のパックを検査（問題があれば終了コード 1）', en: 'check a custom pack (exit 1 on problems)' } },
  ],
  run: async (ctx, args) => (await import('../commands/rules.js')).validate(ctx, args),
};

const testSpec: CommandSpec = {
  name: 'test',
  loadsPack: false,
  args: dirArg,
  summary: {
    ja: 'パックの tests/*.yaml のテストケースを実行する（最後に「N passed, N failed」。失敗があれば終了コード 1）',
    en: "run the pack's test cases in tests/*.yaml (ends with \"N passed, N failed\"; exit 1 on failures)",
  },
  formats: ['text', 'json'],
  examples: [
    { cmd: 'kouiki rules test', what: { ja: '組み込みのパックのテスト（法令の事実を固定するケース）', en: "the embedded pack's cases (they pin the legal facts)" } },
    { cmd: 'kouiki rules test --filter 連携協約', what: { ja: '名前に「連携協約」を含むケースだけ', en: 'only the cases whose name contains 連携協約' } },
    { cmd: 'kouiki rules test examples/rule-packs/kanagawa --with-default-tests', what: { ja: '独自のパックに、組み込みのパックのテストも当てる', en: "a custom pack, also against the embedded pack's cases" } },
  ],
  configure(cmd, env) {
    const t = (ja: string, en: string): string => (env.lang === 'ja' ? ja : en);
    cmd.option('--filter <name>', t('名前にこの文字列を含むケースだけを実行（大文字小文字を区別しない）', 'run only the cases whose name contains this text (case-insensitive)'));
    cmd.option('--with-default-tests', t('組み込みのパックのテストケースも実行する（拡張したパックが法令の事実を保っているか）', "also run the embedded pack's cases (does an extending pack still say what the law says?)"));
  },
  run: async (ctx, args, opts) => (await import('../commands/rules.js')).test(ctx, args, opts),
};

const outdatedSpec: CommandSpec = {
  name: 'outdated',
  loadsPack: false,
  args: dirArg,
  summary: {
    ja: '再確認の期限（reviewed から pack.yaml の review.everyMonths か月）を過ぎた値を file:line で示す（--as-of の日に対して）',
    en: 'list the values due for review (reviewed + review.everyMonths of pack.yaml) as file:line, on --as-of',
  },
  formats: ['text', 'json'],
  examples: [
    { cmd: 'kouiki rules outdated', what: { ja: '今日の時点で再確認が必要な値', en: 'what is due for review today' } },
    { cmd: 'kouiki rules outdated --as-of 2028-01-01', what: { ja: '2028年1月1日の時点で', en: 'as of 2028-01-01' } },
  ],
  run: async (ctx, args) => (await import('../commands/rules.js')).outdated(ctx, args),
};

const docSpec: CommandSpec = {
  name: 'doc',
  loadsPack: false,
  args: dirArg,
  summary: {
    ja: 'ルールパックを Markdown で出力する: 各制度・分類・ルールを、それが表す条文・指針の箇所（出典の題名と URL）と並べて（法令の確認用）',
    en: 'print the pack as Markdown, each instrument, category and rule beside the article or guideline paragraph it encodes (the source’s title and URL), for legal review',
  },
  formats: ['markdown'],
  examples: [
    { cmd: 'kouiki rules doc -f markdown:rules.md', what: { ja: 'ファイルへ', en: 'to a file' } },
    { cmd: 'kouiki rules doc examples/rule-packs/kanagawa --lang ja', what: { ja: '独自のパック（拡張元と合わせて）', en: 'a custom pack (merged with the pack it extends)' } },
  ],
  run: async (ctx, args) => (await import('../commands/rules.js')).doc(ctx, args),
};

export const rulesSpec: CommandSpec = {
  name: 'rules',
  summary: {
    ja: 'ルールパックの保守: validate（検査）、test（テスト）、outdated（再確認の期限）、doc（Markdown）',
    en: 'maintain a rule pack: validate, test, outdated (values due for review), doc (Markdown for legal review)',
  },
  formats: [],
  examples: [
    { cmd: 'kouiki rules validate && kouiki rules test', what: { ja: 'CI でパックを検査しテストする', en: 'check and test the pack in CI' } },
  ],
  subcommands: [validateSpec, testSpec, outdatedSpec, docSpec],
  run: async () => 2,
};
