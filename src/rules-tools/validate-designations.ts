import type { ProblemDetail } from '../errors.js';
import type { Localized } from '../i18n/lang.js';
import type { Criterion } from '../pack/designations-schema.js';
import { packDesignations, type PackData, type PackLocator } from '../pack/model.js';
import type { DatedValue, Ref } from '../pack/schema.js';

/**
 * Cross-reference checks of the designations that their schema cannot express: unique ids, each
 * test has what it needs (a figure, a comparison and a dated threshold; kinds), exceptions
 * replace criteria that exist, every citation's source is declared, an おおむね threshold has
 * the pack's tolerance setting to work with.
 */
export function validateDesignations(data: PackData, loc: PackLocator): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  const designations = packDesignations(data);
  const sources = new Set(Object.keys(data.manifest.sources ?? {}));
  const add = (id: string | null, path: (string | number)[], message: Localized): void => {
    const position = loc.at('designations', id, path);
    problems.push(position ? { position, message } : { message });
  };
  const checkRef = (id: string, path: (string | number)[], ref: Ref | undefined): void => {
    if (!ref) return;
    if (!sources.has(ref.source)) {
      add(id, [...path, 'source'], { ja: `出典「${ref.source}」が sources（pack.yaml 又は sources/*.yaml）にありません`, en: `source "${ref.source}" is not declared under sources: (pack.yaml or sources/*.yaml)` });
    }
    if (ref.article === undefined && ref.section === undefined) {
      add(id, path, { ja: '引用に条（article）又は節（section）がありません', en: 'the citation names neither an article nor a section' });
    }
  };
  // A number test's value may be null from a date: the test was repealed that day (no row from then on).
  const checkDated = (id: string, path: (string | number)[], dv: DatedValue, type: 'number' | 'text' | 'boolean'): void => {
    for (const [date, entry] of Object.entries(dv.values)) {
      checkRef(id, [...path, 'values', date, 'ref'], entry.ref);
      const v = entry.value;
      const ok = type === 'number' ? typeof v === 'number' || v === null : type === 'boolean' ? typeof v === 'boolean' : typeof v === 'string' || v === null;
      if (!ok) add(id, [...path, 'values', date, 'value'], { ja: `値の型が正しくありません（${type === 'number' ? '数値又は null（廃止）' : type === 'boolean' ? 'true/false' : '文字列又は null'}）`, en: `the value must be ${type === 'number' ? 'a number, or null (repealed)' : type === 'boolean' ? 'true or false' : 'a string or null'}` });
      if (type === 'text' && typeof v === 'string' && !entry.note) add(id, [...path, 'values', date], { ja: '要件の説明（note）がありません', en: 'a confirm test needs a note describing the requirement' });
    }
    if (dv.until !== undefined && Object.keys(dv.values).some((d) => d >= dv.until!)) {
      add(id, [...path, 'until'], { ja: 'until が値の日付より前です', en: 'until is not after every effective date' });
    }
  };
  const checkCriterion = (id: string, path: (string | number)[], c: Criterion): void => {
    checkRef(id, [...path, 'ref'], c.ref);
    if (c.test === 'compare') {
      if (!c.figure) add(id, [...path, 'test'], { ja: 'compare には figure が必要です', en: 'a compare test needs figure:' });
      if (!c.op) add(id, [...path, 'test'], { ja: 'compare には op が必要です', en: 'a compare test needs op:' });
      if (!c.threshold) add(id, [...path, 'test'], { ja: 'compare には threshold が必要です', en: 'a compare test needs threshold:' });
      else checkDated(id, [...path, 'threshold'], c.threshold, 'number');
      if ((c.approx || c.floor) && c.op !== '>=' && c.op !== '>') {
        add(id, [...path, c.approx ? 'approx' : 'floor'], { ja: '許容幅は >= 又は > の比較にだけ付けられます', en: 'a tolerance band needs op ">=" or ">"' });
      }
      if (c.approx === 'tolerance' && data.manifest.settings?.tolerance === undefined) {
        add(id, [...path, 'approx'], { ja: 'pack.yaml の settings.tolerance がありません', en: 'approx: tolerance needs settings.tolerance in pack.yaml' });
      }
    } else {
      for (const key of ['figure', 'op', 'approx', 'floor'] as const) {
        if (c[key] !== undefined) add(id, [...path, key], { ja: `${key} は compare の要件にだけ書けます`, en: `${key} only applies to a compare test` });
      }
      if (c.threshold) {
        if (c.test === 'confirm') checkDated(id, [...path, 'threshold'], c.threshold, 'text');
        else add(id, [...path, 'threshold'], { ja: 'threshold は compare 又は confirm の要件にだけ書けます', en: 'threshold only applies to compare and confirm tests' });
      }
    }
    if (c.test === 'kind-in' && !(c.kinds && c.kinds.length > 0)) add(id, [...path, 'test'], { ja: 'kind-in には kinds が必要です', en: 'a kind-in test needs kinds:' });
    if (c.test === 'fact' && !c.fact) add(id, [...path, 'test'], { ja: 'fact には fact（どの事実か）が必要です', en: 'a fact test needs fact: (which fact)' });
    if (c.test !== 'fact' && c.fact) add(id, [...path, 'fact'], { ja: 'fact は fact の要件にだけ書けます', en: 'fact only applies to a fact test' });
    if (c.test !== 'compare' && (c.exemptIf || c.standard)) add(id, [...path, c.exemptIf ? 'exemptIf' : 'standard'], { ja: 'exemptIf・standard は compare の要件にだけ書けます', en: 'exemptIf and standard only apply to a compare test' });
    if (c.exemptIf) checkDated(id, [...path, 'exemptIf', 'threshold'], c.exemptIf.threshold, 'number');
    if (c.test !== 'compare' && c.test !== 'kind-in' && !c.required && !(c.test === 'confirm' && c.threshold)) {
      add(id, [...path, 'test'], { ja: 'required（要件の言葉）がありません', en: 'this test needs required: (the requirement in words)' });
    }
    if (c.guideline && !c.belowNote) add(id, [...path, 'guideline'], { ja: '目安の要件には belowNote が必要です', en: 'a guideline criterion needs belowNote:' });
  };

  const seen = new Set<string>();
  for (const d of designations) {
    if (seen.has(d.id)) add(d.id, ['id'], { ja: `id「${d.id}」が重複しています`, en: `duplicate id "${d.id}"` });
    seen.add(d.id);
    checkRef(d.id, ['basis'], d.basis);
    if (d.inForce) checkRef(d.id, ['inForce', 'ref'], d.inForce.ref);
    const ids = new Set<string>();
    const unique = (cid: string, path: (string | number)[]): void => {
      if (ids.has(cid)) add(d.id, path, { ja: `要件の id「${cid}」が重複しています`, en: `duplicate criterion id "${cid}"` });
      ids.add(cid);
    };
    d.criteria.forEach((c, i) => {
      unique(c.id, ['criteria', i, 'id']);
      checkCriterion(d.id, ['criteria', i], c);
    });
    const baseIds = new Set(d.criteria.map((c) => c.id));
    (d.exceptions ?? []).forEach((e, ei) => {
      checkRef(d.id, ['exceptions', ei, 'ref'], e.ref);
      if (e.window) checkDated(d.id, ['exceptions', ei, 'window'], e.window, 'boolean');
      if (e.criteria.length === 0) unique(e.id, ['exceptions', ei, 'id']);
      e.criteria.forEach((c, ci) => {
        unique(c.id, ['exceptions', ei, 'criteria', ci, 'id']);
        checkCriterion(d.id, ['exceptions', ei, 'criteria', ci], c);
      });
      e.replaces.forEach((r, ri) => {
        if (!baseIds.has(r)) add(d.id, ['exceptions', ei, 'replaces', ri], { ja: `置き換える要件「${r}」がありません`, en: `replaces names no criterion "${r}" of this designation` });
      });
      if (!e.applies.kinds && !e.applies.merged && !e.applies.twin && !e.window) add(d.id, ['exceptions', ei, 'applies'], { ja: 'applies に条件がありません（又は window）', en: 'applies: needs kinds, merged or twin (or the exception a window)' });
    });
    d.steps.forEach((s, i) => checkRef(d.id, ['steps', i, 'ref'], s.ref));
    (d.notes ?? []).forEach((n, i) => checkRef(d.id, ['notes', i, 'ref'], n.ref));
  }
  return problems;
}
