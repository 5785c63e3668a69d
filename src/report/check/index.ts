import { github } from './github.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { markdown } from './markdown.js';
import type { CheckRun, RenderEnv } from './model.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';

export type { CheckRun, RenderEnv, RuleMeta } from './model.js';

/** Every format of `kouiki check`: a pure function from the run to text. */
export function renderCheck(format: string, run: CheckRun, env: RenderEnv): string {
  switch (format) {
    case 'stylish':
      return stylish(run, env);
    case 'json':
      return json(run);
    case 'sarif':
      return sarif(run);
    case 'junit':
      return junit(run);
    case 'github':
      return github(run, env);
    case 'markdown':
      return markdown(run);
    default:
      throw new Error(`no check renderer for ${format}`);
  }
}
