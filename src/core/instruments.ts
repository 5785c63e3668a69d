import type { Lang } from '../i18n/lang.js';
import type { PackData } from '../pack/model.js';
import type { Instrument } from '../pack/schema.js';
import { formatRef, formatVia } from './citation.js';
import { compilePack } from './recommend/compile.js';
import { renderProcedure } from './recommend/procedure.js';
import type { ProcedureStepOut } from './recommend/types.js';
import type { Pack } from '../pack/model.js';

export const PROPERTY_ORDER = ['legalPersonality', 'authority', 'governingRules', 'parties', 'charter', 'councilResolution', 'approval', 'exit', 'disputes', 'limits', 'typicalUses'] as const;
export type PropertyKey = (typeof PROPERTY_ORDER)[number];

export const PROPERTY_LABEL: Record<PropertyKey | 'basis' | 'inForce', { ja: string; en: string }> = {
  basis: { ja: '根拠条文', en: 'Legal basis' },
  inForce: { ja: '施行', en: 'In force' },
  legalPersonality: { ja: '法人格', en: 'Legal personality' },
  authority: { ja: '権限の所在', en: 'Where authority sits' },
  governingRules: { ja: '適用される条例・規則', en: 'Whose ordinances apply' },
  parties: { ja: '参加できる団体', en: 'Who may take part' },
  charter: { ja: '規約', en: 'Rules (規約)' },
  councilResolution: { ja: '議会の議決', en: 'Council resolution' },
  approval: { ja: '届出・許可', en: 'Filing or permission' },
  exit: { ja: '離脱・廃止', en: 'How to leave' },
  disputes: { ja: '紛争', en: 'Disputes' },
  limits: { ja: '制限', en: 'Limits' },
  typicalUses: { ja: '典型的な用途', en: 'Typical uses' },
};

export interface PropertyOut {
  value?: boolean | string;
  short?: string;
  text: string;
  citation: string;
  via?: string;
  status?: 'unconfirmed';
}

export interface InstrumentOut {
  id: string;
  tier: 'core' | 'supplementary';
  level: 'municipal' | 'prefecture';
  name: string;
  summary: string;
  basis: string[];
  inForce?: { from: string; certainFrom: string; citation: string; note?: string };
  kinds?: { id: string; name: string }[];
  properties: Partial<Record<PropertyKey, PropertyOut>>;
  procedure: ProcedureStepOut[];
}

/** One instrument as shown by `kouiki instruments` (every property with its citation). */
export function describeInstrument(pack: Pack, inst: Instrument, lang: Lang, asOf: string): InstrumentOut {
  const data: PackData = pack.data;
  const properties: InstrumentOut['properties'] = {};
  for (const key of PROPERTY_ORDER) {
    const p = inst.properties[key];
    if (!p) continue;
    const out: PropertyOut = { text: p.text[lang], citation: p.ref ? formatRef(p.ref, data, lang) : '' };
    if (p.value !== undefined) out.value = p.value;
    if (p.short) out.short = p.short[lang];
    const via = p.ref ? formatVia(p.ref, data, lang) : '';
    if (via) out.via = via;
    if (p.status === 'unconfirmed' || p.ref?.status === 'unconfirmed') out.status = 'unconfirmed';
    properties[key] = out;
  }
  const cp = compilePack(pack, lang, asOf);
  const ci = cp.byId.get(inst.id)!;
  const out: InstrumentOut = {
    id: inst.id,
    tier: inst.tier,
    level: inst.level,
    name: inst.name[lang],
    summary: inst.summary[lang],
    basis: inst.basis.map((r) => formatRef(r, data, lang)),
    properties,
    // The generic procedure: who receives the filing is named for both cases.
    procedure: renderProcedure(cp, ci, { prefectureParty: null, crossPrefecture: null, councilKind: null }),
  };
  if (inst.inForce) {
    out.inForce = { from: inst.inForce.from, certainFrom: inst.inForce.certainFrom, citation: formatRef(inst.inForce.ref, data, lang) };
    if (inst.inForce.note) out.inForce.note = inst.inForce.note[lang];
  }
  if (inst.kinds) out.kinds = inst.kinds.map((k) => ({ id: k.id, name: k.name[lang] }));
  return out;
}
