import { it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseDocument, LineCounter } from 'yaml';
import { parseYaml } from '../src/io/yaml.js';
it('t', () => {
  const text = readFileSync('/tmp/probe/big60.yaml', 'utf8');
  for (let k = 0; k < 2; k++) {
    let t = performance.now();
    const lc = new LineCounter();
    const d = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false, strict: true });
    d.toJS();
    console.log('old', (performance.now() - t).toFixed(0));
    t = performance.now();
    parseYaml(text, 'x');
    console.log('new', (performance.now() - t).toFixed(0));
  }
}, 120000);
