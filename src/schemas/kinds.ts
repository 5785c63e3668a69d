// Kept free of zod: the CLI's start-up (flag parsing) needs these names but not the schemas.

/** The municipality kinds of the contract (§2). */
export const MUNICIPALITY_KINDS = [
  'prefecture',
  'designated-city',
  'core-city',
  'transitional-special-city',
  'city',
  'town',
  'village',
  'special-ward',
  'partial-affairs-union',
  'regional-federation',
] as const;
export type MunicipalityKind = (typeof MUNICIPALITY_KINDS)[number];
