import type { CommandSpec } from '../spec.js';

export const completionSpec: CommandSpec = {
  name: 'completion',
  args: '<shell>',
  summary: {
    ja: 'シェルの補完スクリプトを出力する（bash|zsh|fish）: コマンド、オプション、制度・分類・指定の ID、市町村名',
    en: 'print a shell completion script (bash|zsh|fish): commands, options, instrument/category/designation ids, municipality names',
  },
  formats: [],
  // The script lists every command's options, those that come from the rule pack included.
  packOptions: true,
  allCommands: true,
  examples: [
    { cmd: 'kouiki completion bash > ~/.local/share/bash-completion/completions/kouiki', what: { ja: 'bash に入れる', en: 'install for bash' } },
    { cmd: 'kouiki completion zsh > "${fpath[1]}/_kouiki"', what: { ja: 'zsh に入れる', en: 'install for zsh' } },
    { cmd: 'kouiki completion fish > ~/.config/fish/completions/kouiki.fish', what: { ja: 'fish に入れる', en: 'install for fish' } },
  ],
  run: async (ctx, args) => (await import('../commands/completion.js')).run(ctx, args),
};
