import { formatRef, refUrl, sourceOf, sourceQuality, sourceReference } from '../core/citation.js';
import { conditionFacts } from '../core/recommend/conditions.js';
import type { Lang } from '../i18n/lang.js';
import { packAffairs } from '../pack/affairs.js';
import type { Pack, PackData } from '../pack/model.js';
import type { Condition, Effect, Ref, Rule, Target } from '../pack/schema.js';

/**
 * The pack as a Markdown document for legal review: every instrument, property, procedure step,
 * category and rule beside the article, guideline or document section it encodes — the citation,
 * linked to where it opens, and the other sources behind the same value.
 */
export function packMarkdown(pack: Pack, lang: Lang): string {
  const data = pack.data;
  const m = data.manifest;
  const t = (ja: string, en: string): string => (lang === 'ja' ? ja : en);
  const out: string[] = [];
  const cite = (ref: Ref | undefined): string => (ref ? citeMd(ref, data, lang) : t('（出典なし）', '(no citation)'));
  const where = (key: string): string => {
    const p = pack.positions.get(key);
    return p?.line ? ` <sub>${p.file}:${p.line}</sub>` : '';
  };
  const names = new Map(data.instruments.map((i) => [i.id, i.name[lang]]));
  const inst = (id: string): string => `${names.get(id) ?? id} (\`${id}\`)`;

  out.push(`# ${esc(m.title[lang])}`, '');
  out.push(`- ${t('名前と版', 'Name and version')}: \`${m.name}\` ${m.packVersion}`);
  if (pack.origin.base) out.push(`- ${t('拡張元', 'Extends')}: \`${pack.origin.base.name}\` ${pack.origin.base.packVersion}; ${t('置き換え', 'overrides')}: ${pack.origin.overrides.map((x) => `\`${x}\``).join(', ') || t('なし', 'none')}`);
  out.push(`- ${t('確認日', 'Reviewed')}: ${m.reviewed}; ${t('再確認の間隔', 'review every')}: ${m.review?.everyMonths ?? 12} ${t('か月', 'months')}`);
  out.push(
    '',
    t(
      '各項目の右に、それが表す条文・指針・文書の箇所を、開ける URL（法令は e-Gov の条）とともに示す。「参照」は同じ値を支える他の出典。「（未確認）」は出典で確かめられなかったもの。',
      'Beside each item: the article, guideline or document section it encodes, linked to where it can be opened (a statute: the article on e-Gov). "See also" names other sources behind the same value. "(unconfirmed)" marks what the sources could not settle.',
    ),
    '',
  );

  // ── sources
  out.push(`## ${t('出典', 'Sources')}`, '', `| id | ${t('種類', 'kind')} | ${t('出典', 'reference')} |`, '|---|---|---|');
  for (const [id, s] of Object.entries(m.sources ?? {})) out.push(`| \`${id}\` | ${s.kind}, ${sourceQuality(s)} | ${esc(sourceReference(s, lang))} |`);
  out.push('');

  // ── instruments
  out.push(`## ${t('連携制度', 'Instruments')}`, '');
  for (const i of data.instruments) {
    out.push(`### ${esc(i.name[lang])} (\`${i.id}\`)${where(`instruments/${i.id}`)}`, '', esc(i.summary[lang]), '');
    out.push(`- ${t('区分', 'Tier and level')}: ${i.tier}, ${i.level}`);
    out.push(`- ${t('根拠', 'Legal basis')}: ${i.basis.map(cite).join('; ')}`);
    if (i.inForce) {
      const f = i.inForce;
      out.push(`- ${t('施行', 'In force')}: ${f.from === f.certainFrom ? f.from : t(`${f.from} 〜 ${f.certainFrom}（この間の政令で定める日）`, `${f.from} – ${f.certainFrom} (a day set by cabinet order in between)`)} — ${cite(f.ref)}${f.note ? ` — ${esc(f.note[lang])}` : ''}`);
    }
    if (i.kinds) out.push(`- ${t('種類', 'Kinds')}: ${i.kinds.map((k) => `${esc(k.name[lang])} (\`${k.id}\`: ${k.modes.join(', ')})`).join('; ')}`);
    out.push(`- ${t('連携の形', 'Modes')}: ${i.modes.join(', ') || '—'}`);
    out.push(`- ${t('確認日', 'Reviewed')}: ${i.reviewed}`, '');
    out.push(`| ${t('性質', 'Property')} | ${t('値', 'Value')} | ${t('内容', 'Text')} | ${t('根拠', 'Citation')} |`, '|---|---|---|---|');
    for (const [key, p] of Object.entries(i.properties)) {
      if (!p) continue;
      const extra = key === 'parties' ? partyLists(p as { allowed: string[]; unconfirmed?: string[]; excluded?: string[] }, lang) : p.value !== undefined ? `\`${String(p.value)}\`` : '';
      const status = p.status === 'unconfirmed' ? t('（未確認）', ' (unconfirmed)') : '';
      out.push(`| ${key} | ${extra} | ${esc(p.text[lang])}${status} | ${cite(p.ref)} |`);
    }
    out.push('', `${t('手続', 'Procedure')}:`, '');
    i.procedure.forEach((s, k) => {
      const cond = s.onlyKind ? t(`（${s.onlyKind} のみ）`, ` (${s.onlyKind} only)`) : s.unlessKind ? t(`（${s.unlessKind} を除く）`, ` (not for ${s.unlessKind})`) : '';
      const status = s.status === 'unconfirmed' ? t('（未確認）', ' (unconfirmed)') : '';
      out.push(`${k + 1}. \`${s.id}\`${cond}: ${esc(s.text[lang])}${status} — ${cite(s.ref)}`);
    });
    out.push('');
  }

  // ── categories
  out.push(`## ${t('課題の分類（県西地域の案 第5章）', 'Task categories (the 県西地域 draft, §5)')}`, '');
  for (const c of data.categories) {
    out.push(`### ${esc(c.name[lang])} (\`${c.id}\`)${where(`categories/${c.id}`)}`, '', esc(c.description[lang]), '');
    out.push(`- ${t('挙げる制度', 'Instruments named')} (${c.standing ?? 'regional'}): ${c.instruments.map(inst).join(', ')} — ${cite(c.ref)}`);
    for (const v of c.views ?? []) out.push(`- ${t('挙げる制度', 'Instruments named')} (${v.standing}): ${v.instruments.map(inst).join(', ')} — ${cite(v.ref)}`);
    if (c.impliesPrefectureParty) out.push(`- ${t('県が当事者とみなす', 'The prefecture is taken to be a party')} — ${cite(c.impliesPrefectureRef)}`);
    out.push(`- ${t('キーワード', 'Keywords')}: ${[...c.keywords.ja, ...c.keywords.en].map(esc).join(', ')}`);
    out.push(`- ${t('確認日', 'Reviewed')}: ${c.reviewed}`, '');
  }

  // ── affairs: the list category inference reads first (rules/affairs/)
  const affairs = packAffairs(data);
  if (affairs.length > 0) {
    const catName = new Map(data.categories.map((c) => [c.id, c.name[lang]]));
    out.push(`## ${t('事務の一覧（分類の推定）', 'Affairs (category inference)')}`, '');
    out.push(
      t(
        '課題の名称（なければ説明）にこの語があると、その事務の分類を推定する（長い語を優先。分類の異なる事務が同数なら同点として示す）。どの事務の語もないときは、各分類のキーワードの数で推定する。',
        "A word below in a task's name (else its description) infers the affair's category (the longest word first; affairs of different categories in equal number are shown as a tie). When no affair's word is found, the categories' keywords are counted.",
      ),
      '',
    );
    out.push(`| ${t('事務', 'Affair')} | ${t('語', 'Words')} | ${t('分類', 'Category')} | ${t('理由', 'Why')} | ${t('制度', 'Instruments')} | ${t('出典', 'Source')} |`, '|---|---|---|---|---|---|');
    for (const a of affairs) {
      const words = [...a.words.ja, ...a.words.en].map(esc).join(', ');
      const insts = (a.instruments ?? []).map(inst).join(', ') || '—';
      const note = a.ref.note ? ` — ${esc(a.ref.note[lang])}` : '';
      out.push(`| ${esc(a.name[lang])} (\`${a.id}\`)${where(`affairs/${a.id}`)} | ${words} | ${esc(catName.get(a.category) ?? a.category)} (\`${a.category}\`) | ${esc(a.why[lang])} | ${insts} | ${cite(a.ref)}${note} |`);
    }
    out.push('');
  }

  // ── rules
  out.push(`## ${t('推奨ルール', 'Recommendation rules')}`, '');
  out.push(t('重み（weight）はパックの判断で法令の値ではない。cap は判定の上限（not-allowed は法令が認めないもの）。', 'Weights are the pack\'s judgement, not legal values; cap limits the verdict (not-allowed: what the law rules out).'), '');
  for (const r of data.rules) out.push(...ruleMarkdown(r, lang, cite, inst, where(`rules/${r.id}`)));

  // ── ranking
  const rk = m.ranking;
  if (rk) {
    out.push(`## ${t('順位付け', 'Ranking')}`, '');
    out.push(`- ${rk.policy}: ${rk.order.map(inst).join(' > ')}`);
    out.push(`- ${esc(rk.reason[lang])} — ${cite(rk.ref)}`);
    out.push(`- ${esc(rk.subsidiarity[lang])} — ${cite(rk.subsidiarityRef)}`, '');
  }

  // ── prefecture
  const pref = data.prefecture;
  if (pref) {
    out.push(`## ${t('県の役割と支援策（県の研究報告）', "The prefecture's roles and measures (the prefectural study)")}`, '');
    out.push(`- **${esc(pref.principle.name[lang])}**: ${esc(pref.principle.text[lang])} — ${cite(pref.principle.ref)}`);
    for (const r of pref.roles) out.push(`- ${esc(r.name[lang])}: ${esc(r.text[lang])} — ${cite(r.ref)}`);
    for (const x of pref.measures) out.push(`- ${esc(x.name[lang])}${x.instrument ? ` → ${inst(x.instrument)}` : ''}${x.when ? ` (${t('条件', 'when')}: ${conditionText(x.when)})` : ''}: ${esc(x.text[lang])} — ${cite(x.ref)}`);
    out.push('');
  }

  // ── other sections (e.g. designations): every dated value and citation found in them
  for (const [key, value] of Object.entries(data.extra)) {
    if (key === 'affairs') continue; // listed above, with the categories
    out.push(`## ${key}`, '');
    const rows: string[] = [];
    collectDated(value, [key], (path, dated) => {
      for (const date of Object.keys(dated.values).sort()) {
        const e = dated.values[date]!;
        rows.push(`| ${path.join('/')} | ${date}${dated.until ? ` – ${dated.until}` : ''} | \`${JSON.stringify(e.value)}\` | ${cite(e.ref)}${e.status === 'unconfirmed' ? t('（未確認）', ' (unconfirmed)') : ''} |`);
      }
    });
    if (rows.length > 0) out.push(`| ${t('値', 'Value')} | ${t('施行日', 'Effective')} | ${t('値', 'Value')} | ${t('根拠', 'Citation')} |`, '|---|---|---|---|', ...rows, '');
    const refs: string[] = [];
    collectRefs(value, [key], (path, ref) => refs.push(`- ${path.join('/')}: ${cite(ref)}`));
    if (refs.length > 0) out.push(...refs, '');
  }

  // The templates read as the law reads in general: no placeholder is left unfilled (issue 15 item 6).
  return `${generalReading(out.join('\n'), data, lang).replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function esc(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A citation as Markdown: the text linked to where it opens (an e-Gov article anchor for a statute), then the other sources beside it. */
function citeMd(ref: Ref, data: PackData, lang: Lang): string {
  const text = esc(formatRef(ref, data, lang));
  const url = refUrl(ref, data);
  const head = url ? `[${text}](${url})` : text;
  const via = (ref.via ?? []).map((v) => {
    const s = sourceOf(data, v);
    const u = s?.url ?? s?.copy;
    const name = esc(s ? s.name[lang] : v);
    return u ? `[${name}](${u})` : name;
  });
  return via.length > 0 ? (lang === 'ja' ? `${head}（参照: ${via.join('、')}）` : `${head} (see also ${via.join(', ')})`) : head;
}

function partyLists(p: { allowed: string[]; unconfirmed?: string[]; excluded?: string[] }, lang: Lang): string {
  const t = (ja: string, en: string): string => (lang === 'ja' ? ja : en);
  const parts = [`${t('可', 'allowed')}: ${p.allowed.join(', ')}`];
  if (p.unconfirmed?.length) parts.push(`${t('未確認', 'unconfirmed')}: ${p.unconfirmed.join(', ')}`);
  if (p.excluded?.length) parts.push(`${t('不可', 'excluded')}: ${p.excluded.join(', ')}`);
  return parts.join('<br>');
}

/** A condition in words close to the YAML: `needsLegalEntity = true`, `all(...)`. */
export function conditionText(c: Condition): string {
  if ('all' in c) return `all(${c.all.map(conditionText).join('; ')})`;
  if ('any' in c) return `any(${c.any.map(conditionText).join('; ')})`;
  if ('not' in c) return `not(${conditionText(c.not)})`;
  if ('text' in c) return `text ∋ ${c.text.join(' | ')}`;
  if ('known' in c) return `${c.known} stated`;
  if ('is' in c) return `${c.fact} = ${String(c.is)}`;
  return `${c.fact} ∈ {${c.in.map(String).join(', ')}}`;
}

function targetText(to: Target, inst: (id: string) => string, lang: Lang): string {
  const parts: string[] = [];
  if (to.instruments) parts.push(to.instruments.map(inst).join(', '));
  for (const k of ['tier', 'level', 'legalPersonality', 'authorityRetained', 'approval', 'mode'] as const) if (to[k] !== undefined) parts.push(`${k} = ${String(to[k])}`);
  if (to.except) parts.push(`${lang === 'ja' ? '除外' : 'except'} ${to.except.map(inst).join(', ')}`);
  return parts.join('; ');
}

function ruleMarkdown(r: Rule, lang: Lang, cite: (ref: Ref | undefined) => string, inst: (id: string) => string, where: string): string[] {
  const t = (ja: string, en: string): string => (lang === 'ja' ? ja : en);
  const out = [`### \`${r.id}\` — ${esc(r.title[lang])}${where}`, ''];
  if (r.builtin) {
    const what: Record<string, [string, string]> = {
      'in-force': ['各制度の施行日（instruments の inForce）で判定する。施行前は不可、施行日が未確認の期間は「?」', "each instrument's in-force dates (inForce): not-allowed before, a \"?\" reason while the day is unconfirmed"],
      'party-kinds': ['各制度の参加できる団体（parties）で判定する。excluded は不可、unconfirmed は「?」', "each instrument's parties: excluded → not-allowed, unconfirmed → a \"?\" reason"],
      'category-fit': ['課題の分類に出典が挙げる制度を、出典の立場（国の指針・県の指針・地域の先例）ごとの重みで加点する（categories を参照）', 'adds to the instruments the sources name for the task\'s category, weighted by the standing of each source (national guidance, a prefecture\'s guidance, a regional precedent; see the categories)'],
    };
    out.push(`- ${t('組み込み', 'Built-in')}: ${t(...(what[r.builtin] ?? ['', '']))}`);
    if (r.weight !== undefined) out.push(`- weight: ${r.weight}`);
    for (const [k, w] of Object.entries(r.weights ?? {})) out.push(`- weight (${k}): ${w}`);
    for (const [k, msg] of Object.entries(r.messages ?? {})) out.push(`- ${k}: ${esc(msg[lang])}`);
    out.push('');
    return out;
  }
  out.push(`- ${t('根拠', 'Citation')}: ${cite(r.ref)}`);
  if (r.effective) out.push(`- ${t('施行日', 'Effective')}: ${r.effective}`);
  if (r.fact) out.push(`- ${t('読む事実', 'Fact')}: \`${r.fact}\``);
  if (r.cases) {
    const bare = r.fact !== undefined && r.cases.every((c) => typeof c.if !== 'object' || Array.isArray(c.if));
    out.push(`- ${t('ヒットポリシー', 'Hit policy')}: ${r.hit ?? (bare ? 'unique' : 'collect')}`);
  }
  out.push(`- ${t('確認日', 'Reviewed')}: ${r.reviewed}`, '');
  if (r.cases) {
    out.push(`| # | ${t('条件', 'When')} | ${t('対象', 'Instruments')} | ${t('効果', 'Effect')} | ${t('理由', 'Message')} | ${t('根拠', 'Citation')} |`, '|---:|---|---|---|---|---|');
    r.cases.forEach((c, ci) => {
      const when = typeof c.if === 'object' && !Array.isArray(c.if) ? conditionText(c.if as Condition) : `${r.fact} ${Array.isArray(c.if) ? `∈ {${c.if.join(', ')}}` : `= ${String(c.if)}`}`;
      c.effects.forEach((e: Effect, ei) => {
        const eff = `${e.effect}${e.weight !== undefined ? ` ${e.weight}` : ''}${e.cap ? `, cap ${e.cap}` : ''}`;
        const c2 = e.refFrom ? t(`各制度の ${e.refFrom} の根拠`, `each instrument's ${e.refFrom} citation`) : cite(e.ref ?? r.ref);
        out.push(`| ${ei === 0 ? ci + 1 : ''} | ${ei === 0 ? esc(when) : ''} | ${esc(targetText(e.to, inst, lang))} | ${eff} | ${esc(e.message[lang])} | ${c2} |`);
      });
    });
    out.push('');
  }
  if (r.match) {
    out.push(`- ${t('一致', 'Match')} (\`${r.fact}\` ∈ modes): ${r.match.yes.effect} ${r.match.yes.weight} — ${esc(r.match.yes.message[lang])}`);
    out.push(`- ${t('不一致', 'No match')}: ${r.match.no.effect} ${r.match.no.weight} — ${esc(r.match.no.message[lang])}`, '');
  }
  if (r.unknown) {
    const facts = r.cases ? [...new Set(r.cases.flatMap((c) => [...conditionFacts(typeof c.if === 'object' && !Array.isArray(c.if) ? (c.if as Condition) : { fact: r.fact ?? '', is: true })]))] : [r.fact ?? ''];
    out.push(`- ${t('事実が不明のとき', 'When unknown')} (${facts.join(', ')}): ? → ${esc(targetText(r.unknown.to, inst, lang))}: ${esc(r.unknown.message[lang])}`, '');
  }
  return out;
}

type DatedLike = { values: Record<string, { value: unknown; ref: Ref; status?: string }>; until?: string };

function collectDated(value: unknown, path: string[], visit: (path: string[], d: DatedLike) => void): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => collectDated(v, [...path, typeof (v as { id?: unknown })?.id === 'string' ? (v as { id: string }).id : String(i)], visit));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  if (o.values && typeof o.values === 'object' && !Array.isArray(o.values) && Object.keys(o.values).every((k) => /^\d{4}-\d{2}-\d{2}$/.test(k))) {
    visit(path, o as unknown as DatedLike);
    return;
  }
  for (const [k, v] of Object.entries(o)) collectDated(v, [...path, k], visit);
}

function collectRefs(value: unknown, path: string[], visit: (path: string[], ref: Ref) => void, skipValues = true): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => collectRefs(v, [...path, typeof (v as { id?: unknown })?.id === 'string' ? (v as { id: string }).id : String(i)], visit, skipValues));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  if (typeof o.source === 'string' && (o.article !== undefined || o.section !== undefined || o.via !== undefined)) {
    visit(path, o as unknown as Ref);
    return;
  }
  for (const [k, v] of Object.entries(o)) if (!skipValues || k !== 'values') collectRefs(v, [...path, k], visit, skipValues);
}

/**
 * The words a template's placeholders take when no task is given: who receives a filing or
 * grants a permission in general (the Minister or the governor, by the parties: the pack's own
 * procedureTerms), and for a message template what each placeholder stands for.
 */
export function generalReading(text: string, data: PackData, lang: Lang): string {
  const term = (k: string, fallback: { ja: string; en: string }): string => data.terms[k]?.[lang] ?? fallback[lang];
  // Procedure terms read as the law does; a message's stand-ins are marked as such (〔〕, «»).
  const terms: Record<string, string> = {
    filingTo: term('ministerOrGovernor', { ja: '総務大臣又は都道府県知事', en: 'the Minister or the prefectural governor' }),
    permitBy: term('ministerOrGovernor', { ja: '総務大臣又は都道府県知事', en: 'the Minister or the prefectural governor' }),
    councilKind: term('councilKindUnknown', { ja: '協議会の種類', en: "the council's kind" }),
    resolutionNote: term('resolutionNoteUnknownKind', { ja: '', en: '' }),
  };
  const standIns: Record<string, string> = {
    asOf: lang === 'ja' ? '判定の日' : 'the date asked',
    from: lang === 'ja' ? '施行日' : 'the day it took effect',
    certainFrom: lang === 'ja' ? '施行が確実な日' : 'the day by which it certainly took effect',
    kind: lang === 'ja' ? '団体の種類' : 'body of that kind',
    party: lang === 'ja' ? '参加団体' : 'the party',
    category: lang === 'ja' ? '課題の分類' : "the task's category",
    value: lang === 'ja' ? '課題の連携の形' : "the task's mode",
    matched: lang === 'ja' ? '課題の名称・説明に見つかった語' : 'the words found in the task',
  };
  return text.replace(/\{(\w+)\}/g, (whole, key: string) =>
    Object.hasOwn(terms, key) ? terms[key]! : Object.hasOwn(standIns, key) ? (lang === 'ja' ? `〔${standIns[key]}〕` : `«${standIns[key]}»`) : whole,
  );
}
