/**
 * Where each JSON Schema lives for good: the file `kouiki schema KIND` prints, committed under
 * schemas/ in the repository (a test keeps them equal). Editors and the wizard's saved files refer
 * to a schema by this URL, which does not depend on where kouiki is installed. (A module of its
 * own, free of zod, so the wizard can name it without loading the schemas.)
 */
export const SCHEMA_BASE = 'https://raw.githubusercontent.com/kouiki/kouiki/main/schemas/';

export const schemaId = (kind: string): string => `${SCHEMA_BASE}${kind}.schema.json`;
