import * as z from 'zod';

/**
 * `kouiki.config.yaml` (contract §3): per-rule severity, per-rule options, maxWarnings. Built from
 * the pack's check rules, so an unknown rule id or option is an unknown key with its position, and
 * editors complete the ids from `kouiki schema config`.
 */
export const CHECK_SEVERITIES = ['off', 'warn', 'error'] as const;
export type CheckSeverity = (typeof CHECK_SEVERITIES)[number];

export interface CheckConfigFile {
  version?: 1 | undefined;
  rules?: Record<string, 'off' | 'warn' | 'error'> | undefined;
  options?: Record<string, Record<string, number | string | boolean>> | undefined;
  maxWarnings?: number | undefined;
}

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

const cache = new WeakMap<ConfigurableRules, z.ZodType<CheckConfigFile>>();

export function configSchema(cp: ConfigurableRules): z.ZodType<CheckConfigFile> {
  const hit = cache.get(cp);
  if (hit) return hit;
  const rules: Record<string, z.ZodType> = {};
  const options: Record<string, z.ZodType> = {};
  for (const r of cp.rules) {
    rules[r.id] = z.enum(CHECK_SEVERITIES).optional().describe(`${r.name.en} (default ${r.severity}): ${r.description.en}`);
    if (r.options) {
      const shape: Record<string, z.ZodType> = {};
      for (const [k, v] of Object.entries(r.options)) {
        const base = typeof v === 'number' ? z.number().min(0) : typeof v === 'boolean' ? z.boolean() : z.string();
        shape[k] = base.optional().describe(`default ${String(v)}`);
      }
      options[r.id] = z.strictObject(shape).optional();
    }
  }
  const schema = z.strictObject({
    version: z.literal(1).optional(),
    rules: z.strictObject(rules).optional().describe('severity per rule: off, warn or error'),
    options: z.strictObject(options).optional().describe('options per rule'),
    maxWarnings: z.number().int().min(-1).optional().describe('more warnings than this fail the check (exit 1); -1 = no limit'),
  }) as unknown as z.ZodType<CheckConfigFile>;
  cache.set(cp, schema);
  return schema;
}
