// Keeps the fuzz suite complete: a new input format (a `kouiki schema` kind) or a new command
// fails here until it has its entry in test/fuzz/formats.ts or test/fuzz/commands.ts.
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/specs/index.js';
import { PACK_KINDS } from '../../src/pack/files.js';
import { SCHEMA_KINDS } from '../../src/cli/schema-registry.js';
import { COMMAND_FUZZ } from './commands.js';
import { FORMATS } from './formats.js';

describe('fuzz registry', () => {
  it('every input format (`kouiki schema` kind) has a fuzz entry in test/fuzz/formats.ts', () => {
    const covered = new Set(FORMATS.map((f) => f.schemaKind));
    const missing = Object.keys(SCHEMA_KINDS).filter((k) => !covered.has(k));
    expect(missing, 'add an entry to FORMATS in test/fuzz/formats.ts (parse function, seeds, command lines)').toEqual([]);
  });

  it('every kind of rule pack file has a fuzz entry in both layouts (they come from PACK_KINDS)', () => {
    const names = FORMATS.map((f) => f.name);
    expect(PACK_KINDS.map((k) => `rules/${k.file}`).filter((n) => !names.includes(n))).toEqual([]);
    expect(PACK_KINDS.map((k) => `rules/${k.dir}/`).filter((d) => !names.some((n) => n.startsWith(d)))).toEqual([]);
  });

  it('every command has a fuzz entry in test/fuzz/commands.ts', () => {
    const covered = new Set(COMMAND_FUZZ.map((c) => c.name.split(' ')[0]));
    const missing = COMMANDS.map((c) => c.name).filter((n) => !covered.has(n));
    expect(missing, 'add an entry to COMMAND_FUZZ in test/fuzz/commands.ts (what its positional arguments look like)').toEqual([]);
  });

  it('every format has at least one valid seed that it accepts', () => {
    for (const f of FORMATS) {
      for (const seed of [...f.seeds(), ...f.bigSeeds()]) expect(() => f.parse(seed, 'seed.yaml'), f.name).not.toThrow();
    }
  });
});
