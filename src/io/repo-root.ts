import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/**
 * The root that CI reports (SARIF, annotations, JUnit) make paths relative to, as code scanning
 * and GitHub's annotations expect: $GITHUB_WORKSPACE in a GitHub Actions job, else the top level
 * of the git work tree around `cwd` (the nearest directory with a `.git` entry: a directory in a
 * clone, a file in a worktree or submodule), else `cwd` itself. No git process is started.
 */
export function repoRoot(cwd: string, env: NodeJS.ProcessEnv): string {
  const ws = env.GITHUB_WORKSPACE;
  if (ws && isAbsolute(ws)) return resolve(ws);
  let dir = resolve(cwd);
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const up = dirname(dir);
    if (up === dir) return resolve(cwd);
    dir = up;
  }
}
