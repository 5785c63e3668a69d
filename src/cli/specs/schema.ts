import type { CommandSpec } from '../spec.js';

export const schemaSpec: CommandSpec = {
  name: 'schema',
  args: '<kind>',
  summary: {
    ja: '入力形式の JSON Schema（draft-07）を出力する（tasks|draft|municipalities|rules|config）',
    en: 'print the JSON Schema (draft-07) of an input format (tasks|draft|municipalities|rules|config)',
  },
  formats: ['json'],
  examples: [
    { cmd: 'kouiki schema tasks > tasks.schema.json', what: { ja: '課題リストのスキーマ（エディタの補完用）', en: 'the task list schema, for editor completion' } },
  ],
  run: async (ctx, args) => (await import('../commands/schema.js')).run(ctx, args),
};
