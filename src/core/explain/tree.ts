import { fill, type Lang } from '../../i18n/lang.js';
import { evidenceText } from '../../i18n/evidence.js';
import { fmtNumber } from '../eligibility/text.js';
import type { ConditionTrace, EffectTrace, EligibilityExplanation, Explanation, ParameterRead, RecommendationExplanation, RuleTrace, TraceNode, TriText } from './types.js';

/**
 * Turns an explanation into a tree of localized lines: the text renderer draws it as an
 * indented tree, the Markdown renderer as headings and nested lists. One function per kind of
 * explanation; both renderers are shared.
 */
export function explanationTree(x: Explanation, lang: Lang, head: { asOf: string; pack: string }): TraceNode {
  return x.kind === 'recommendation' ? recommendationTree(x, lang, head) : eligibilityTree(x, lang, head);
}

const L = {
  title: { ja: '説明: {name} ({id}) — {asOf} 時点の法令、ルールパック {pack}', en: 'Explanation: {name} ({id}) — the law in force on {asOf}, rule pack {pack}' },
  eligibilityTitle: { ja: '説明: {name} — {designation}（{asOf} 時点、ルールパック {pack}）', en: 'Explanation: {name} — {designation} (the law in force on {asOf}, rule pack {pack})' },
  category: { ja: '分類', en: 'Category' },
  given: { ja: '指定', en: 'given' },
  inferred: { ja: '推定', en: 'inferred' },
  unknown: { ja: '不明', en: 'unknown' },
  derived: { ja: '{from} から導出', en: 'derived from {from}' },
  evidence: { ja: '根拠の語', en: 'evidence' },
  tied: { ja: '同数で並んだ分類（パックの順で選択）', en: 'tied with (chosen by pack order)' },
  named: { ja: '分類に挙げられた制度', en: 'instruments named for the category' },
  facts: { ja: '事実', en: 'Facts' },
  parameters: { ja: '参照したパラメータ（{asOf} 時点の値と施行日）', en: 'Parameters read (the value in force on {asOf} and its effective date)' },
  fromUntil: { ja: '{from} から', en: 'since {from}' },
  noStart: { ja: '開始日なし', en: 'no start date' },
  until: { ja: '{until} まで', en: 'until {until}' },
  history: { ja: '{from}: {value}', en: '{from}: {value}' },
  before: { ja: '（それ以前）', en: '(before)' },
  rules: { ja: 'ルール（評価した順。全ての条件を評価）', en: 'Rules (in the order applied; every condition evaluated)' },
  caseLine: { ja: 'ケース {n} → {result}', en: 'case {n} → {result}' },
  notApplied: { ja: '（適用せず）', en: '(not applied)' },
  unknownEffect: { ja: '? {instruments}: {message}', en: '? {instruments}: {message}' },
  instruments: { ja: '制度ごとの点数と判定', en: 'Scores and verdicts' },
  base: { ja: '基礎点 {base}', en: 'base score {base}' },
  sum: { ja: '合計 {sum} → 点数 {score}（0〜1 に収める）: {verdict}（{because}）', en: 'sum {sum} → score {score} (kept within 0–1): {verdict} ({because})' },
  procedure: { ja: '手続', en: 'Procedure' },
  ranking: { ja: '順位付け（比較の順: {keys}）', en: 'Ranking ({policy}; compared by {keys})' },
  subsidiarityOn: { ja: '市町村優先の原則を適用', en: 'subsidiarity applies' },
  subsidiarityOff: { ja: '市町村の努力では解決できないとされたため、市町村優先の原則は適用しない', en: 'subsidiarity does not apply (the task is beyond municipal effort)' },
  notes: { ja: '注記', en: 'Notes' },
  prefecture: { ja: '県の役割', en: "The prefecture's role" },
  unknownFacts: { ja: '不明な事実（推定で埋めない）', en: 'Unknown facts (never defaulted)' },
  none: { ja: 'なし', en: 'none' },
  criteria: { ja: '基準', en: 'Criteria' },
  figures: { ja: '数値', en: 'Figures' },
  eligible: { ja: '結果: {eligible}（{because}）', en: 'Result: {eligible} ({because})' },
  steps: { ja: '残る手続', en: 'Steps that remain' },
  partyAllowed: { ja: '他の当事者はすべて参加できる', en: 'every other party may take part' },
  partiesUnknown: { ja: '参加団体が不明のため判定しない', en: 'parties not given: not checked' },
  eligibleResult: { ja: '結果: {label}（eligible: {eligible}）— {because}', en: 'Result: {label} (eligible: {eligible}) — {because}' },
  heldResult: {
    ja: '結果: 指定済み（{since}）。法に指定の取消しの定めはなく、要件は指定の時に適用される。現在の数値では: {label}（eligible: {eligible}）— {because}',
    en: "Result: held (since {since}). The law has no de-designation; the tests apply when a city is designated. On today's figures: {label} (eligible: {eligible}) — {because}",
  },
  heldSinceUnknown: { ja: '指定日はデータにない', en: 'the day is not in the data' },
  windowOpen: { ja: '特例の期間内', en: 'open (within the period)' },
  noValue: { ja: 'なし（定めがない）', en: 'none (no provision)' },
  unconfirmed: { ja: '（日付は未確認）', en: '(date unconfirmed)' },
  unconfirmedFrom: { ja: '施行日は未確認。{from} の値として記録', en: 'effective date unconfirmed; recorded as of {from}' },
  municipality: { ja: '市町村', en: 'Municipality' },
  kindOf: { ja: '種類', en: 'kind' },
  mergedCity: { ja: '合併の試算: {names}', en: 'merger what-if: {names}' },
  derivedHow: { ja: '合併後の数値の求め方', en: 'how the merged figures were derived' },
  twin: { ja: '複眼型の相手の市: {name}', en: 'the other city of the two-city centre: {name}' },
  central: { ja: '中心市: {name}', en: 'central city: {name}' },
  whereToGet: { ja: '入手先', en: 'where to get it' },
  atLeastFig: { ja: '（下限）', en: ' (a lower bound)' },
  compared: { ja: '比較: {left} {op} {right}', en: 'compared: {left} {op} {right}' },
  band: { ja: '（おおむね: 許容幅 {tol}、{low} 超 {high} 未満は境界）', en: ' (おおむね: tolerance {tol}; above {low} and below {high} is borderline)' },
  floorBand: { ja: '（{op} {v} を満たせば境界）', en: ' (borderline when {op} {v})' },
  onItsOwn: { ja: '単独での判定: {status}', en: 'on its own: {status}' },
  missing: { ja: '判定に必要なデータ', en: 'data that would decide it' },
  exceptions: { ja: '特例（適用の有無と置き換えた基準）', en: 'Special cases (whether each applied, and what it replaced)' },
  applies: { ja: '適用: {applies}', en: 'open to this city: {applies}' },
  route: { ja: '特例の要件の判定: {status}', en: "the special case's own criteria: {status}" },
  replaces: { ja: '置き換えの対象: {ids}', en: 'stands in for: {ids}' },
  replacedLine: { ja: '{id}: {from} → {to}', en: '{id}: {from} → {to}' },
} as const;

const OUTCOME: Record<RuleTrace['outcome'], { ja: string; en: string }> = {
  applied: { ja: '適用', en: 'applied' },
  checked: { ja: '確認済み（制約なし）', en: 'checked: no constraint' },
  unknown: { ja: '判定できず（事実が不明）', en: 'undecided (a fact is unknown)' },
  'not-applicable': { ja: '該当なし', en: 'not applicable' },
  'not-yet-effective': { ja: '未施行のため適用せず', en: 'not yet effective: not applied' },
};

const TRI: Record<TriText, { ja: string; en: string }> = { true: { ja: '真', en: 'true' }, false: { ja: '偽', en: 'false' }, unknown: { ja: '不明', en: 'unknown' } };
const STATE: Record<string, { ja: string; en: string }> = {
  'not-yet': { ja: '未施行', en: 'not yet in force' },
  'in-doubt': { ja: '施行済みか未確認', en: 'in force on an unconfirmed day' },
  'in-force': { ja: '施行済み', en: 'in force' },
  allowed: { ja: '参加できる', en: 'may take part' },
  unconfirmed: { ja: '参加できるか未確認', en: 'unconfirmed' },
  excluded: { ja: '参加できない', en: 'cannot take part' },
};
const VERDICT: Record<string, { ja: string; en: string }> = {
  recommended: { ja: '推奨', en: 'recommended' },
  possible: { ja: '可能', en: 'possible' },
  unsuitable: { ja: '不適', en: 'unsuitable' },
  'not-allowed': { ja: '不可（法令上）', en: 'not allowed' },
};

const w = (x: number): string => `${x >= 0 ? '+' : '-'}${Math.abs(x).toFixed(2)}`;

export function showValue(v: unknown, lang: Lang): string {
  if (v === null || v === undefined) return TRI.unknown[lang];
  if (Array.isArray(v)) {
    return v.map((x) => (x && typeof x === 'object' && 'name' in x ? `${(x as { name: string }).name} (${(x as { kind?: string }).kind ?? ''})` : String(x))).join(', ');
  }
  return String(v);
}

function node(text: string, citation?: string, children?: TraceNode[]): TraceNode {
  const n: TraceNode = { text };
  if (citation) n.citation = citation;
  if (children && children.length > 0) n.children = children;
  return n;
}

export function conditionNode(c: ConditionTrace, lang: Lang): TraceNode {
  const r = TRI[c.result][lang];
  switch (c.op) {
    case 'is':
      return node(lang === 'ja' ? `${c.fact} が ${String(c.expected)} か: 実際は ${showValue(c.actual, lang)} → ${r}` : `${c.fact} is ${String(c.expected)}: actual ${showValue(c.actual, lang)} → ${r}`);
    case 'in':
      return node(
        lang === 'ja'
          ? `${c.fact} が [${c.expected.join(', ')}] のいずれか: 実際は ${showValue(c.actual, lang)} → ${r}`
          : `${c.fact} in [${c.expected.join(', ')}]: actual ${showValue(c.actual, lang)} → ${r}`,
      );
    case 'text':
      return node(
        lang === 'ja'
          ? `名称・説明に [${c.keywords.join(', ')}] のいずれかを含む: 一致 ${c.matched.length > 0 ? c.matched.join(', ') : 'なし'} → ${r}`
          : `name or description contains one of [${c.keywords.join(', ')}]: matched ${c.matched.length > 0 ? c.matched.join(', ') : 'none'} → ${r}`,
      );
    case 'known':
      return node(lang === 'ja' ? `${c.fact} が答えられているか: 実際は ${showValue(c.actual, lang)} → ${r}` : `${c.fact} is stated: actual ${showValue(c.actual, lang)} → ${r}`);
    case 'not':
      return node(lang === 'ja' ? `否定 → ${r}` : `not → ${r}`, undefined, [conditionNode(c.of, lang)]);
    default:
      return node(
        lang === 'ja' ? `${c.op === 'all' ? 'すべて満たす' : 'いずれかを満たす'} → ${r}` : `${c.op} of → ${r}`,
        undefined,
        c.of.map((x) => conditionNode(x, lang)),
      );
  }
}

function effectNode(e: EffectTrace, lang: Lang, names: (id: string) => string): TraceNode {
  const cap = e.cap ? (lang === 'ja' ? `、${VERDICT[e.cap]!.ja}に制限` : `, capped at ${e.cap}`) : '';
  const children = e.citations ? Object.entries(e.citations).map(([id, c]) => node(names(id), c)) : undefined;
  return node(`${w(e.effect === '-' ? -Math.abs(e.weight) : e.weight)}${cap} → ${e.instruments.map(names).join(', ')}: ${e.message}`, e.citation, children);
}

function parameterNode(p: ParameterRead, lang: Lang, num: (v: unknown) => string = (v) => showValue(v, lang)): TraceNode {
  const shown = (v: unknown): string => (v === null ? L.noValue[lang] : (STATE[String(v)]?.[lang] ?? num(v)));
  if (p.kind === 'setting') return node(`${p.id} = ${shown(p.value)} — ${p.note ?? ''}`);
  if (p.undated) return node(`${p.id} = ${shown(p.value)}${p.note ? ` — ${p.note}` : ''}`, p.citation);
  const from = p.from ? fill(L.fromUntil[lang], { from: p.from }) : p.recordedFrom ? fill(L.unconfirmedFrom[lang], { from: p.recordedFrom }) : L.noStart[lang];
  const until = p.until ? `${lang === 'ja' ? '、' : ', '}${fill(L.until[lang], { until: p.until })}` : '';
  const chosen = p.recordedFrom ?? p.from;
  const children = (p.history ?? []).map((h) =>
    node(`${h.from ?? L.before[lang]}: ${shown(h.value)}${h.unconfirmed ? `${lang === 'ja' ? '' : ' '}${L.unconfirmed[lang]}` : ''}${h.from === chosen ? ' ←' : ''}`, h.citation),
  );
  if (p.note) children.push(node(p.note));
  return node(`${p.id} = ${shown(p.value)}${lang === 'ja' ? `（${from}${until}）` : ` (${from}${until})`}`, p.citation, children);
}

/** Whose view names an instrument for a category (category-fit). */
const STANDING: Record<string, { ja: string; en: string }> = {
  national: { ja: '国の指針', en: 'national guidance' },
  prefectural: { ja: '県の指針', en: "a prefecture's guidance" },
  regional: { ja: '地域の先例', en: 'a regional precedent' },
};
/** The ranking's keys in Japanese prose (the ids stay in JSON). */
const RANKING_KEY_JA: Record<string, string> = { verdict: '判定', subsidiarity: '市町村優先の原則', score: '点数', priority: 'パックの優先順位' };

function ruleNode(r: RuleTrace, lang: Lang, names: (id: string) => string): TraceNode {
  const head = `${r.rule} — ${r.title}${r.fact ? ` (${r.fact})` : ''}: ${OUTCOME[r.outcome][lang]}${r.outcome === 'not-yet-effective' && r.effective ? ` (${r.effective})` : ''}`;
  const children: TraceNode[] = [];
  for (const c of r.checks ?? []) {
    if ('state' in c) children.push(node(`${names(c.instrument)}: ${c.from === c.certainFrom ? c.from : `${c.from}〜${c.certainFrom}`} → ${STATE[c.state]![lang]}`, c.citation));
    else if ('party' in c) {
      if (c.status !== 'allowed') children.push(node(`${names(c.instrument)}: ${c.party} (${c.kind}) → ${STATE[c.status]![lang]}`, c.citation));
    } else children.push(node(`${c.category} → ${c.instruments.map(names).join(', ')} ${w(c.weight)}${c.standing && STANDING[c.standing] ? (lang === 'ja' ? `（${STANDING[c.standing]!.ja}）` : ` (${STANDING[c.standing]!.en})`) : ''}`, c.citation));
  }
  if (r.kind === 'party-kinds') children.push(node(r.outcome === 'unknown' ? L.partiesUnknown[lang] : L.partyAllowed[lang]));
  for (const c of r.cases ?? []) {
    const effects = c.result === 'true' ? c.effects.map((e) => effectNode(e, lang, names)) : [];
    children.push(node(`${fill(L.caseLine[lang], { n: c.case, result: TRI[c.result][lang] })}${c.result === 'true' ? '' : ` ${L.notApplied[lang]}`}`, undefined, [conditionNode(c.when, lang), ...effects]));
  }
  if (r.match) {
    children.push(node(`${r.match.fact} = ${showValue(r.match.actual, lang)}`, undefined, r.match.effects.map((e) => effectNode(e, lang, names))));
  }
  if (r.unknown) children.push(node(fill(L.unknownEffect[lang], { instruments: r.unknown.instruments.map(names).join(', '), message: r.unknown.message })));
  return node(head, r.citation, children);
}

export function recommendationTree(x: RecommendationExplanation, lang: Lang, head: { asOf: string; pack: string }): TraceNode {
  const nameMap = new Map(x.instruments.map((i) => [i.instrument, i.name]));
  const names = (id: string): string => nameMap.get(id) ?? id;
  const out: TraceNode[] = [];

  const c = x.category;
  const catChildren: TraceNode[] = [];
  if (c.evidence.length > 0) catChildren.push(node(`${L.evidence[lang]}: ${evidenceText(c.evidence, lang)}`));
  if (c.tied.length > 0) catChildren.push(node(`${L.tied[lang]}: ${c.tied.join(', ')}`));
  if (c.instruments.length > 0) catChildren.push(node(`${L.named[lang]}: ${c.instruments.map(names).join(', ')}`, c.citation));
  out.push(node(`${L.category[lang]}: ${c.id ? `${c.name ?? c.id} (${c.id}) — ${L[c.source === 'given' ? 'given' : 'inferred'][lang]}` : L.unknown[lang]}`, undefined, catChildren));

  out.push(
    node(
      L.facts[lang],
      undefined,
      x.facts.map((f) => {
        if (f.status === 'unknown') return node(`${f.id} (${f.label}): ${L.unknown[lang]}`);
        const status = f.status === 'derived' ? fill(L.derived[lang], { from: f.from ?? '' }) : L.given[lang];
        return node(`${f.id} (${f.label}) = ${showValue(f.value, lang)} — ${status}`);
      }),
    ),
  );
  out.push(node(fill(L.parameters[lang], { asOf: head.asOf }), undefined, x.parameters.map((p) => parameterNode(p, lang))));
  out.push(node(L.rules[lang], undefined, x.rules.map((r) => ruleNode(r, lang, names))));
  out.push(
    node(
      L.instruments[lang],
      undefined,
      x.instruments.map((i) => {
        const children: TraceNode[] = [node(fill(L.base[lang], { base: i.base.toFixed(2) }))];
        for (const k of i.contributions) {
          const cap = k.cap ? (lang === 'ja' ? `（${VERDICT[k.cap]!.ja}に制限）` : ` (capped at ${k.cap})`) : '';
          children.push(node(`${k.effect === '?' ? '?' : w(k.weight)} ${k.rule}${cap}: ${k.message}`, k.citation));
        }
        children.push(node(fill(L.sum[lang], { sum: i.sum.toFixed(2), score: i.score.toFixed(2), verdict: VERDICT[i.verdict]![lang], because: i.because })));
        if (i.procedure) children.push(node(L.procedure[lang], undefined, i.procedure.map((s, k) => node(`${k + 1}. ${s.step}`, s.citation))));
        return node(`${i.rank}. ${i.name} (${i.instrument}): ${VERDICT[i.verdict]![lang]} ${i.score.toFixed(2)}`, undefined, children);
      }),
    ),
  );
  const rk = x.ranking;
  out.push(
    node(fill(L.ranking[lang], { policy: rk.policy, keys: rk.keys.map((k) => (lang === 'ja' ? (RANKING_KEY_JA[k] ?? k) : k)).join(' > ') }), undefined, [
      node(rk.subsidiarity.applies ? `${L.subsidiarityOn[lang]}: ${rk.subsidiarity.reason}` : L.subsidiarityOff[lang], rk.subsidiarity.citation),
      ...rk.pairs.map((p) => node(p.message, p.citation)),
    ]),
  );
  if (x.notes.length > 0) out.push(node(L.notes[lang], undefined, x.notes.map((n) => node(`${n.effect} ${n.message}`, n.citation))));
  if (x.prefecture) {
    const p = x.prefecture;
    out.push(
      node(`${L.prefecture[lang]}: ${p.why}`, undefined, [
        node(`${p.principle.name}: ${p.principle.text}`, p.principle.citation),
        ...p.roles.map((r) => node(r.name, r.citation)),
        ...(x.measures ?? p.measures.map((m) => ({ ...m, shown: true, when: undefined }))).map((m) =>
          node(`${m.shown ? '✓' : '✗'} ${m.name}${m.instrument ? ` → ${names(m.instrument)}` : ''}`, m.citation, m.when ? [conditionNode(m.when, lang)] : undefined),
        ),
      ]),
    );
  }
  out.push(node(`${L.unknownFacts[lang]}: ${x.unknownFacts.length > 0 ? x.unknownFacts.join(', ') : L.none[lang]}`));
  return node(fill(L.title[lang], { name: x.task.name, id: x.task.id, asOf: head.asOf, pack: head.pack }), undefined, out);
}

const STATUS: Record<string, { ja: string; en: string }> = {
  pass: { ja: '適合', en: 'pass' },
  fail: { ja: '不適合', en: 'fail' },
  borderline: { ja: '境界（おおむね）', en: 'borderline' },
  'not-applicable': { ja: '対象外', en: 'not applicable' },
  unknown: { ja: '不明（数値なし）', en: 'unknown (figure missing)' },
};

const OUTCOME_EXC: Record<string, { ja: string; en: string }> = {
  replaced: { ja: '適用（基準に代わる）', en: 'applied: stands in for the criteria' },
  'not-needed': { ja: '不要（基準を自ら満たす）', en: 'not needed: the criteria are met on their own' },
  undecided: { ja: '未決（特例の要件が不明又は境界）', en: "undecided: the special case's own criteria are unknown or borderline" },
  failed: { ja: '特例の要件を満たさない', en: "its own criteria are not met" },
  closed: { ja: '適用されない', en: 'does not apply' },
};
const RESULT: Record<string, { ja: string; en: string }> = {
  true: { ja: '要件を満たす', en: 'meets the criteria' },
  false: { ja: '要件を満たさない', en: 'does not meet the criteria' },
  null: { ja: '未決', en: 'undecided' },
};
const APPLIES: Record<string, { ja: string; en: string }> = {
  open: { ja: 'あり', en: 'yes' },
  closed: { ja: 'なし', en: 'no' },
  unknown: { ja: '不明', en: 'unknown' },
};

/** The eligibility variant's tree (filled from the eligibility engine's trace: ./eligibility.ts). */
export function eligibilityTree(x: EligibilityExplanation, lang: Lang, head: { asOf: string; pack: string }): TraceNode {
  // A number with thousands separators; a list in brackets; `true`, the value of a special
  // case's window (the only boolean the eligibility trace reads), as "open".
  const num = (v: unknown): string =>
    typeof v === 'number' ? fmtNumber(v) : Array.isArray(v) ? `[${v.map((y) => num(y)).join(', ')}]` : typeof v === 'boolean' ? L.windowOpen[lang] : showValue(v, lang);
  const sep = lang === 'ja' ? '、' : ', ';
  const out: TraceNode[] = [];

  const m = x.municipality;
  const mChildren: TraceNode[] = [];
  if (m.merged.length > 1) mChildren.push(node(fill(L.mergedCity[lang], { names: m.merged.join(' + ') }), undefined, [node(L.derivedHow[lang], undefined, (x.derived ?? []).map((t) => node(t)))]));
  if (x.designation.twin) mChildren.push(node(fill(L.twin[lang], { name: x.designation.twin })));
  if (x.designation.centralCity) mChildren.push(node(fill(L.central[lang], { name: x.designation.centralCity })));
  for (const n of m.notes ?? []) mChildren.push(node(n));
  const where = [m.prefecture, m.code].filter(Boolean).join(sep);
  const kind = m.kind === undefined ? '' : ` — ${L.kindOf[lang]}: ${showValue(m.kind, lang)}`;
  out.push(node(`${L.municipality[lang]}: ${m.name}${where ? (lang === 'ja' ? `（${where}）` : ` (${where})`) : ''}${kind}`, undefined, mChildren));

  out.push(
    node(
      L.figures[lang],
      undefined,
      x.figures.map((f) => {
        if (f.value === null) return node(`${f.id} = ${TRI.unknown[lang]}${f.where ? ` — ${L.whereToGet[lang]}: ${f.where}` : ''}`);
        const how = f.derived ? (lang === 'ja' ? `（${f.derived}）` : ` (${f.derived})`) : '';
        return node(`${f.id} = ${num(f.value)}${f.atLeast ? L.atLeastFig[lang] : ''} — ${f.source ?? ''}${how}`);
      }),
    ),
  );
  out.push(node(fill(L.parameters[lang], { asOf: head.asOf }), undefined, x.parameters.map((p) => parameterNode(p, lang, num))));
  out.push(
    node(
      L.criteria[lang],
      undefined,
      x.criteria.map((c) => {
        const children: TraceNode[] = [];
        const k = c.comparison;
        if (k) {
          let text = fill(L.compared[lang], { left: num(c.actual), op: k.op, right: k.threshold === null ? '?' : num(k.threshold) });
          if (k.tolerance !== undefined && k.borderlineAbove !== undefined && typeof k.threshold === 'number') text += fill(L.band[lang], { tol: String(k.tolerance), low: num(k.borderlineAbove), high: num(k.threshold) });
          if (k.floor) text += fill(L.floorBand[lang], { op: k.floor.op, v: num(k.floor.value) });
          children.push(node(`${text}${k.parameter ? ` — ${k.parameter}` : ''}`));
        }
        if (c.statusBefore) children.push(node(fill(L.onItsOwn[lang], { status: STATUS[c.statusBefore]![lang] })));
        if (c.note) children.push(node(c.note));
        if (c.missing) children.push(node(`${L.missing[lang]}: ${c.missing}`));
        const name = c.name && c.name !== c.id ? ` (${c.name})` : '';
        return node(`${c.id}${name}: ${STATUS[c.status]![lang]} — ${num(c.actual)} / ${c.required}`, c.citation, children);
      }),
    ),
  );
  if (x.exceptions.length > 0) {
    out.push(
      node(
        L.exceptions[lang],
        undefined,
        x.exceptions.map((e) => {
          const children: TraceNode[] = [node(`${fill(L.applies[lang], { applies: APPLIES[e.applies]![lang] })}${e.reason ? ` — ${e.reason}` : ''}`)];
          if (e.route) children.push(node(fill(L.route[lang], { status: STATUS[e.route]![lang] })));
          children.push(node(fill(L.replaces[lang], { ids: e.replaces.join(', ') })));
          for (const r of e.replaced) children.push(node(fill(L.replacedLine[lang], { id: r.criterion, from: STATUS[r.from]![lang], to: STATUS[r.to]![lang] })));
          if (e.note) children.push(node(e.note));
          return node(`${e.id} (${e.name}): ${OUTCOME_EXC[e.outcome]![lang]}`, e.citation, children);
        }),
      ),
    );
  }
  const held = x.result.held;
  // A designation the city holds is reported as held, never as a failed candidacy (as `eligibility` says it).
  if (held) out.push(node(fill(L.heldResult[lang], { since: held.since ?? L.heldSinceUnknown[lang], label: RESULT[String(x.eligible)]![lang], eligible: String(x.eligible), because: x.because }), held.source));
  else out.push(node(fill(L.eligibleResult[lang], { label: RESULT[String(x.eligible)]![lang], eligible: String(x.eligible), because: x.because })));
  if (x.steps.length > 0) out.push(node(L.steps[lang], undefined, x.steps.map((s, k) => node(`${k + 1}. ${s.step}`, s.citation))));
  if (x.notes.length > 0) out.push(node(L.notes[lang], undefined, x.notes.map((n) => node(n))));
  const name = m.merged.length > 1 ? m.merged.join(' + ') : m.name;
  return node(fill(L.eligibilityTitle[lang], { name, designation: x.designation.name, asOf: head.asOf, pack: head.pack }), x.designation.citation, out);
}
