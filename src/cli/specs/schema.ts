import type { CommandSpec } from '../spec.js';

export const schemaSpec: CommandSpec = {
  name: 'schema',
  args: '[kind]',
  summary: {
    ja: '入力形式の JSON Schema（draft-07）を出力する（tasks|draft|municipalities|rules|config）',
    en: 'print the JSON Schema (draft-07) of an input format (tasks|draft|municipalities|rules|config)',
  },
  formats: ['json'],
  configure(cmd, env) {
    cmd.option('--list', env.lang === 'ja' ? 'スキーマの種類と $id（URL）の一覧' : 'list the kinds with their $id (URL)');
  },
  examples: [
    { cmd: 'kouiki schema --list', what: { ja: '種類と、エディタが参照できる $id の一覧', en: 'the kinds, and the $id an editor can refer to' } },
    { cmd: 'kouiki schema tasks > tasks.schema.json', what: { ja: '課題リストのスキーマ（エディタの補完用）', en: 'the task list schema, for editor completion' } },
  ],
  run: async (ctx, args, opts) => (await import('../commands/schema.js')).run(ctx, args, opts),
};
