import type { Lang } from '../../i18n/lang.js';
import type { PackData } from '../../pack/model.js';
import type { DatedValue } from '../../pack/schema.js';
import { formatRef } from '../citation.js';
import { changeDates, valueAt } from '../dated.js';
import type { ParameterRead } from './types.js';

/**
 * A dated legal value as read for `asOf`: the entry chosen, the date it took effect, the next
 * change, and the whole history. Shared by the recommendation and eligibility traces.
 */
export function readDated(id: string, dated: DatedValue, asOf: string, data: Pick<PackData, 'manifest'>, lang: Lang): ParameterRead {
  const chosen = valueAt(dated, asOf);
  const dates = changeDates(dated);
  const next = dates.find((d) => d > asOf) ?? null;
  const until = dated.until !== undefined && (next === null || dated.until < next) && dated.until > asOf ? dated.until : next;
  const out: ParameterRead = {
    id,
    value: chosen ? chosen.entry.value : null,
    from: chosen ? chosen.from : null,
    until,
    history: dates.map((d) => ({ from: d, value: dated.values[d]!.value, citation: formatRef(dated.values[d]!.ref, data, lang) })),
    citation: chosen ? formatRef(chosen.entry.ref, data, lang) : '',
    kind: 'law',
  };
  if (!chosen) out.note = lang === 'ja' ? `${asOf} 時点では定めがない（最初の値は ${dates[0]} から）` : `no value on ${asOf} (the first takes effect on ${dates[0]})`;
  else if (chosen.entry.note) out.note = chosen.entry.note[lang];
  return out;
}
