// Kept free of zod and of the pack: the CLI spec, the config schema and the pack validator read these.

/** The rules `kouiki check` implements (contract §6), in the order they are documented. */
export const CHECK_RULE_IDS = [
  'schema',
  'unknown-municipality',
  'central-city-eligibility',
  'instrument-allowed',
  'statutory-content',
  'scheme-structure',
  'partner-commuting',
  'instrument-fit',
  'reciprocity',
  'suppression',
] as const;
export type CheckRuleId = (typeof CHECK_RULE_IDS)[number];

/** The output formats of `kouiki check`, the first being the default. */
export const CHECK_FORMATS = ['stylish', 'json', 'sarif', 'junit', 'github', 'markdown'] as const;
