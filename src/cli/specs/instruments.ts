import type { CommandSpec } from '../spec.js';

export const instrumentsSpec: CommandSpec = {
  name: 'instruments',
  args: '[id]',
  summary: {
    ja: '連携制度の比較表、又は 1 つの制度の詳細（根拠条文・手続）',
    en: 'the instruments side by side, or one in detail (legal basis, procedure)',
  },
  formats: ['table', 'json', 'markdown'],
  examples: [
    { cmd: 'kouiki instruments', what: { ja: '比較表', en: 'the comparison matrix' } },
    { cmd: 'kouiki instruments proxy-execution', what: { ja: '事務の代替執行の詳細', en: 'proxy execution in full' } },
  ],
  run: async (ctx, args) => (await import('../commands/instruments.js')).run(ctx, args),
};
