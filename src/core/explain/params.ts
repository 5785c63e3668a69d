import { fill, type Lang } from '../../i18n/lang.js';
import type { PackData } from '../../pack/model.js';
import type { DatedEntry, DatedValue } from '../../pack/schema.js';
import { formatRef } from '../citation.js';
import { changeDates, changedOn, valueAt } from '../dated.js';
import type { ParameterRead } from './types.js';

const T = {
  none: { ja: '{asOf} 時点では定めがない（最初の値は {first} から）', en: 'no value on {asOf} (the first takes effect on {first})' },
  ended: { ja: '{until} からは定めがない（{last} まで）', en: 'no longer in force from {until} (in force through {last})' },
  unconfirmedSince: {
    ja: 'この値となった日は未確認（{recorded} の値として記録）',
    en: 'the day this value took effect is unconfirmed (recorded as the value from {recorded})',
  },
} as const;

const unconfirmed = (e: DatedEntry): boolean => e.status === 'unconfirmed' || e.ref.status === 'unconfirmed';

/** YYYY-MM-DD of the day before (the last day of a period whose end is exclusive). */
function dayBefore(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/**
 * A dated legal value as read for `asOf`: the entry chosen, the day it took that value
 * (`changedOn`: an entry that only records when an unchanged text was checked is not an
 * effective date; an unconfirmed first date gives `from: null` with `recordedFrom`), the next
 * change, and the whole history. A value with `until:` ends there: the history closes with a
 * `null` entry, and on or after that day the value is `null` from `until`. Shared by the
 * recommendation and eligibility traces.
 */
export function readDated(id: string, dated: DatedValue, asOf: string, data: Pick<PackData, 'manifest'>, lang: Lang): ParameterRead {
  const chosen = valueAt(dated, asOf);
  const dates = changeDates(dated);
  const next = dates.find((d) => d > asOf) ?? null;
  const ended = dated.until !== undefined && asOf >= dated.until;
  const until = dated.until !== undefined && (next === null || dated.until < next) && dated.until > asOf ? dated.until : next;
  const history: NonNullable<ParameterRead['history']> = dates.map((d) => {
    const e = dated.values[d]!;
    const h: NonNullable<ParameterRead['history']>[number] = { from: d, value: e.value, citation: formatRef(e.ref, data, lang) };
    if (unconfirmed(e)) h.unconfirmed = true;
    return h;
  });
  if (dated.until !== undefined) history.push({ from: dated.until, value: null });
  const out: ParameterRead = {
    id,
    value: chosen ? chosen.entry.value : null,
    from: chosen ? changedOn(dated, chosen.from) : ended ? dated.until! : null,
    until: ended ? null : until,
    history,
    citation: chosen ? formatRef(chosen.entry.ref, data, lang) : '',
    kind: 'law',
  };
  const notes: string[] = [];
  if (chosen) {
    if (out.from !== chosen.from) out.recordedFrom = chosen.from;
    if (chosen.entry.note) notes.push(chosen.entry.note[lang]);
    if (out.from === null) {
      // The first entry of the same value carries the reason its date is unconfirmed.
      const same = dates.filter((d) => d <= chosen.from && dated.values[d]!.value === chosen.entry.value);
      const first = dated.values[same[0]!]!;
      notes.push(fill(T.unconfirmedSince[lang], { recorded: chosen.from }));
      if (first !== chosen.entry && first.note) notes.push(first.note[lang]);
    }
  } else if (ended) notes.push(fill(T.ended[lang], { until: dated.until!, last: dayBefore(dated.until!) }));
  else notes.push(fill(T.none[lang], { asOf, first: dates[0] ?? '' }));
  if (notes.length > 0) out.note = notes.join('; ');
  return out;
}
