import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * SHA-256 of a file's bytes, hex. node:crypto is required here, not imported: a hash is needed
 * only when a file's mtime differs from the one the build recorded (an installed package, whose
 * files npm extracted with new mtimes), and most runs never load it.
 */
export function sha256(buf: Buffer): string {
  return (require('node:crypto') as typeof import('node:crypto')).createHash('sha256').update(buf).digest('hex');
}
