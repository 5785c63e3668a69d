// The data benchmarks' inputs: an origin–destination table in e-Stat's CSV layout (the 従業地・通学地
// 集計's table 6-1) with about 1,900 origins, like the 47 prefectures' tables together. The area
// codes are real (data/census/2020.csv), so the import joins them to the code list as it would a
// real table; the counts are made up (seeded, deterministic).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every municipality (and special ward) of the census table: [code5, name]. */
export function areas(root) {
  const lines = readFileSync(join(root, 'data', 'census', '2020.csv'), 'utf8').trim().split('\n').slice(1);
  return lines.map((l) => l.split(',')).filter((c) => c[3] !== 'a' && c[0] !== '13100' && (c[3] !== '0' || c[0].startsWith('131'))).map((c) => [c[0], c[2]]);
}

/** An OD table of `origins` origins, each with `perOrigin` destinations and a 総数 row. */
export function odCsv(root, origins = 1900, perOrigin = 300, seed = 7) {
  const r = rng(seed);
  const all = areas(root);
  const head = ['"RESULT"', '"STATUS","0"', '"TABLE_INF","0003454527"', '"STATISTICS_NAME","令和2年国勢調査 従業地・通学地による人口・就業状態等集計"', '"VALUE"', '"tab_code","表章項目","cat01_code","男女","cat02_code","従業地・通学地","area_code","常住地","time_code","時間軸（年次）","unit","value","annotation"'];
  const parts = [head.join('\n')];
  for (let o = 0; o < Math.min(origins, all.length); o++) {
    const [code, name] = all[o];
    const rows = [];
    let total = 0;
    for (let k = 0; k < perOrigin; k++) {
      const [dc, dn] = all[Math.floor(r() * all.length)];
      const v = 1 + Math.floor(r() * 500);
      total += v;
      rows.push(`"2020_51","通勤者・通学者数","0","総数","${dc}","${dn}","${code}","${name}","2020000000","2020年","人","${v}",""`);
    }
    rows.unshift(`"2020_51","通勤者・通学者数","0","総数","00000","総数","${code}","${name}","2020000000","2020年","人","${total}",""`);
    parts.push(rows.join('\n'));
  }
  return `${parts.join('\n')}\n`;
}
