import * as z from 'zod';

/**
 * `kouiki.config.yaml` (contract §3): per-rule severity, per-rule options, maxWarnings. Built from
 * the pack's check rules, so an unknown rule id or option is an unknown key with its position, and
 * editors complete the ids from `kouiki schema config`.
 */
export const CHECK_SEVERITIES = ['off', 'warn', 'error'] as const;
export type CheckSeverity = (typeof CHECK_SEVERITIES)[number];

/** What the config schema needs of the rule pack's check rules (its CheckPack has them). */
export interface ConfigurableRules {
  rules: readonly {
    id: string;
    severity: CheckSeverity;
    name: { en: string };
    description: { en: string };
    options?: Readonly<Record<string, number | string | boolean>> | undefined;
  }[];
}

/** One rule's severity in a config, described for editors. */
function severitySchema(r: ConfigurableRules['rules'][number]) {
  return z.enum(CHECK_SEVERITIES).optional().describe(`${r.name.en} (default ${r.severity}): ${r.description.en}`);
}

/** One option of a rule, typed like its default (a count is never negative). */
function optionSchema(v: number | string | boolean) {
  const base: z.ZodType<number | string | boolean> = typeof v === 'number' ? z.number().min(0) : typeof v === 'boolean' ? z.boolean() : z.string();
  return base.optional().describe(`default ${String(v)}`);
}

function buildConfigSchema(cp: ConfigurableRules) {
  const rules: Record<string, ReturnType<typeof severitySchema>> = {};
  const options: Record<string, z.ZodOptional<z.ZodObject<Record<string, ReturnType<typeof optionSchema>>, z.core.$strict>>> = {};
  for (const r of cp.rules) {
    rules[r.id] = severitySchema(r);
    if (r.options) {
      const shape: Record<string, ReturnType<typeof optionSchema>> = {};
      for (const [k, v] of Object.entries(r.options)) shape[k] = optionSchema(v);
      options[r.id] = z.strictObject(shape).optional();
    }
  }
  return z.strictObject({
    version: z.literal(1).optional(),
    rules: z.strictObject(rules).optional().describe('severity per rule: off, warn or error'),
    options: z.strictObject(options).optional().describe('options per rule'),
    maxWarnings: z.number().int().min(-1).optional().describe('more warnings than this fail the check (exit 1); -1 = no limit'),
    pack: z.string().min(1).optional().describe('the rule pack (a directory, relative to this file), as --rules; --rules wins'),
    data: z.union([z.string().min(1), z.array(z.string().min(1))]).optional().describe('municipality data files (relative to this file), read before any --data'),
    ignores: z.array(z.string().min(1)).optional().describe('glob patterns (relative to this file) of drafts that kouiki check skips when it searches a directory or a glob'),
  });
}

export type ConfigSchema = ReturnType<typeof buildConfigSchema>;
/** A `kouiki.config.yaml` as written. */
export type CheckConfigFile = z.infer<ConfigSchema>;

const cache = new WeakMap<ConfigurableRules, ConfigSchema>();

/** The config schema of a pack's check rules (built once per pack). */
export function configSchema(cp: ConfigurableRules): ConfigSchema {
  let schema = cache.get(cp);
  if (!schema) cache.set(cp, (schema = buildConfigSchema(cp)));
  return schema;
}
