import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UserError } from '../../errors.js';
import { schemaId } from '../../schemas/ids.js';
import type { CliIO } from '../io.js';

/** Where `--save` writes, checked before any question is asked (so no session is lost at the end). */
export interface SaveTarget {
  file: string;
  shown: string;
  /** The --answers file, which saving may update in place (any other input file is refused). */
  answers?: string;
}

export function prepareSave(path: string, io: CliIO, answers?: unknown): SaveTarget {
  const file = resolve(io.cwd, path);
  const dir = dirname(file);
  const fail = (ja: string, en: string): never => {
    throw new UserError(
      { ja: `--save ${path}: ${ja}`, en: `--save ${path}: ${en}` },
      { hint: { ja: '書き込めるディレクトリのファイル名を指定してください', en: 'name a file in a directory you can write to' } },
    );
  };
  if (!existsSync(dir) || !statSync(dir).isDirectory()) fail('ディレクトリがありません', 'the directory does not exist');
  if (existsSync(file) && statSync(file).isDirectory()) fail('ディレクトリです', 'it is a directory');
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    fail('ディレクトリに書き込めません', 'the directory is not writable');
  }
  return typeof answers === 'string' && answers !== '-' ? { file, shown: path, answers: resolve(io.cwd, answers) } : { file, shown: path };
}

/**
 * The `$schema` reference of a saved file: the task-list schema's stable $id (`kouiki schema
 * --list`), which stays valid when the file is committed, moved or opened on another machine.
 * (`_target` is the saved file; the reference no longer depends on it.)
 */
export function schemaRef(_target: string): string {
  return schemaId('tasks');
}
