import * as z from 'zod';
import { bilingualIssue } from './issues.js';
import { IsoDateSchema } from './common.js';
import { municipalityRecordSchema } from './municipalities.js';
import { factValueSchema, type TaskVocabulary } from './task.js';

/**
 * A policy draft (`kouiki check`, contract §3). Built from the pack, like the task list: the
 * categories, instruments, facts and schemes a draft may name are the pack's. `municipalities:`
 * takes the municipality data format (schemas/municipalities.ts).
 * The types are inferred from the schema, so the loader, `kouiki schema draft` and the checks
 * read one shape.
 */

/** What the draft schema needs of the rule pack: the task vocabulary, its instruments and its schemes (from checks.yaml). */
export interface DraftVocabulary extends TaskVocabulary {
  instruments: readonly { id: string }[];
}

/** A scheme a draft may build (checks.yaml `schemes:`): its id and the agreement type of its partners. */
export interface DraftScheme {
  id: string;
  agreement: string;
}


const Name = z.string().min(1);

function buildDraftSchemas(data: DraftVocabulary, schemes: readonly DraftScheme[]) {
  const factShape: Record<string, ReturnType<typeof factValueSchema>> = {};
  for (const f of data.facts) {
    if (f.type === 'parties') continue; // a project names its parties itself (`parties:`)
    factShape[f.id] = factValueSchema(f);
  }
  const categories = data.categories.map((c) => c.id) as [string, ...string[]];
  const instruments = data.instruments.map((i) => i.id) as [string, ...string[]];
  const schemeIds = ['none', ...schemes.map((s) => s.id)] as [string, ...string[]];
  const agreementTypes = [...new Set(schemes.map((s) => s.agreement))];

  const project = z
    .strictObject({
      id: z.union([Name, z.number().int()]).optional().describe('optional; defaults to the 1-based position'),
      name: Name,
      description: z.string().optional(),
      category: z.enum(categories).optional().describe('inferred from name/description when absent'),
      instrument: z.enum(instruments).describe('the cooperation instrument chosen for the project'),
      parties: z.array(Name).min(1).describe('names from the municipality data'),
      provider: Name.nullable().optional().describe('who carries the work (one of the parties)'),
      costSharing: Name.nullable().optional().describe('how the burden is shared; absent = none agreed'),
      facts: z.strictObject(factShape).optional().describe('the facts of a task (kouiki schema tasks), without parties'),
    })
    .superRefine((p, ctx) => {
      if (typeof p.provider === 'string' && !p.parties.includes(p.provider)) {
        ctx.addIssue(
          bilingualIssue(
            ['provider'],
            `提供者「${p.provider}」が parties にありません。提供者も当事者として parties に挙げてください`,
            `the provider "${p.provider}" is not one of the parties; list it under parties too`,
          ),
        );
      }
    });

  const agreement = z.strictObject({
    partner: Name,
    type: (agreementTypes.length > 0 ? z.enum(agreementTypes as [string, ...string[]]) : Name).describe('the one-to-one agreement of the scheme'),
    resolution: IsoDateSchema.optional().describe('date of the council resolution (議決), YYYY-MM-DD'),
  });

  const headShape = {
    version: z.literal(1).optional(),
    name: Name.optional().describe('the name of the draft'),
    scheme: z.enum(schemeIds).optional().describe('the scheme the draft builds (default none)'),
    centralCity: Name.optional().describe('a name from the municipality data'),
    data: Name.optional().describe('a municipality data file, relative to the draft'),
    municipalities: z.array(municipalityRecordSchema()).optional().describe('municipality records inline (the format of kouiki schema municipalities)'),
    partners: z.array(Name).optional(),
    agreements: z.array(agreement).optional(),
  };
  const refineHead = (d: { scheme?: string | undefined; centralCity?: string | undefined }, ctx: z.RefinementCtx): void => {
    if (d.scheme !== undefined && d.scheme !== 'none' && d.centralCity === undefined) {
      ctx.addIssue(bilingualIssue(['scheme'], `scheme: ${d.scheme} には centralCity（中心市）が必要です`, `scheme: ${d.scheme} needs a centralCity`));
    }
  };
  const draft = z.strictObject({ ...headShape, projects: z.array(project).min(1) }).superRefine(refineHead);
  const head = z.strictObject({ ...headShape, projects: z.array(z.unknown()).min(1) }).superRefine(refineHead);
  return {
    draft,
    /** One project alone (a draft's projects are validated one by one, so one bad project does not hide the rest). */
    project,
    /** The draft without its projects' contents. */
    head,
  };
}

export type DraftSchemas = ReturnType<typeof buildDraftSchemas>;
export type Draft = z.infer<DraftSchemas['draft']>;
export type DraftProject = z.infer<DraftSchemas['project']>;
export type DraftAgreement = NonNullable<Draft['agreements']>[number];

const cache = new WeakMap<DraftVocabulary, DraftSchemas>();

/** The `kouiki schema draft` JSON Schema and the loader both come from here (built once per pack). */
export function draftSchemas(data: DraftVocabulary, schemes: readonly DraftScheme[]): DraftSchemas {
  let out = cache.get(data);
  if (!out) cache.set(data, (out = buildDraftSchemas(data, schemes)));
  return out;
}
