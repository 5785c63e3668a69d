import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kouiki } from '../helpers/cli.js';
import { hasScript, KEYS, spawnPty } from '../helpers/pty.js';

const { up, down, enter, ctrlC } = KEYS;
const dir = mkdtempSync(join(tmpdir(), 'kouiki-wizard-pty-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// `script` (util-linux) gives the wizard a real terminal: raw mode, arrow keys, Ctrl+C.
describe.skipIf(!hasScript())('kouiki wizard in a real pseudo-terminal', () => {
  it('goes from the first question to a saved file that evaluate reads to the same JSON, keys and all', async () => {
    const saved = join(dir, 'wildlife.yaml');
    const json = join(dir, 'wizard.json');
    const s = spawnPty(['wizard', '--lang', 'en', '--as-of', '2026-11-23', '--save', saved, '-f', `json:${json}`]);
    await s.waitFor('What is the task called?');
    s.send(`Wildlife damage control${enter}`);
    await s.waitFor('Describe the task');
    s.send(`joint capture across the towns${enter}`);
    // kouiki proposes the category the affair (wildlife damage) decides, naming it; Enter confirms it.
    await s.waitFor('Is the category "Wide-area issues (wide-area-issue)"? (inferred from: "wildlife damage"');
    s.send(enter);
    // The cursor starts on "don't know"; five up is the first value (coordination).
    await s.waitFor('What form does the cooperation take?');
    s.send(`${up}${up}${up}${up}${up}${enter}`);
    // Coordination settles two questions, and a third no longer arises.
    await s.waitFor('→ Needs its own legal entity: no (coordination alone needs no body');
    await s.waitFor("→ Takes on the state's or a prefecture's affairs: no");
    await s.waitFor('→ not asking "Bundles several affairs"');
    await s.waitFor('Which bodies take part?');
    s.send(enter);
    await s.waitFor('Name of party 1');
    s.send(`小田原${enter}`); // without its 市: read as 小田原市
    await s.waitFor('What kind of body is 小田原市?');
    s.send(enter); // the kind of the data: 施行時特例市
    await s.waitFor('Add another party?');
    s.send(enter); // yes: fewer than two so far
    await s.waitFor('Name of party 2');
    s.send(`箱根町${enter}`);
    await s.waitFor('What kind of body is 箱根町?');
    s.send(enter); // town, from the data
    await s.waitFor('Add another party?');
    s.send(enter); // no
    await s.waitFor('→ not asking "Prefecture takes part" (the list of parties already answers it');
    await s.waitFor('→ not asking "Crosses prefectural borders" (the parties\' prefectures already answer it');
    for (const q of ['Must the requesting body keep', 'Is the capital cost of facilities high?', 'How often does the affair arise?', 'Does a party lack the specialist staff', 'How urgently must it be set up?', 'Is it something municipalities cannot solve']) {
      await s.waitFor(q);
      s.send(enter); // don't know
    }
    // Agreement and council tie (issue 15 item 9): no first choice, the tie and what would separate it.
    await s.waitFor('Tied for first: Cooperation agreement, Council');
    await s.waitFor('What next?');
    // "Why not X?" for the second instrument.
    s.send(`${down}${enter}`);
    await s.waitFor('Which instrument?');
    s.send(enter);
    await s.waitFor(/Why Council \(liaison council\) ranks 1 \(recommended, 0\.\d\d\)/);
    await s.waitFor('What next?');
    // Change an answer: the mode becomes joint planning, so the legal-entity question reopens.
    s.send(`${down}${down}${enter}`);
    await s.waitFor('Which answer?');
    s.send(`${down}${down}${down}${enter}`);
    await s.waitFor('What form does the cooperation take?');
    s.send(`${down}${enter}`);
    await s.waitFor('"Needs its own legal entity" no longer follows from your answers');
    await s.waitFor('Does the work need its own legal entity');
    s.send(`${up}${enter}`); // no
    await s.waitFor('Will the body take on affairs that belong to the state');
    s.send(enter); // don't know
    await s.waitFor("Are the affairs the state's or a prefecture's?");
    s.send(enter); // don't know
    await s.waitFor('Does a law, or a cabinet order under it, provide');
    s.send(enter); // don't know
    await s.waitFor(/First choice:|Tied for first:/);
    await s.waitFor('What next?');
    s.send(enter); // Enter finishes (and saves: --save was given)
    await s.waitFor(`saved ${saved}`);
    expect(await s.exit).toBe(0);

    const text = readFileSync(saved, 'utf8');
    expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=\S+schemas\/tasks\.schema\.json$/);
    expect(text).toContain('mode: planning');
    expect(text).toContain('- { name: 小田原市, kind: transitional-special-city, prefecture: 神奈川県 }');
    expect(text).toContain('retainAuthority: null');
    const wizardJson = readFileSync(json, 'utf8');
    expect(JSON.parse(wizardJson).results[0].task.name).toBe('Wildlife damage control');
    const evaluated = kouiki(['evaluate', saved, '--as-of', '2026-11-23', '--lang', 'en', '-f', 'json']);
    expect(evaluated.code).toBe(0);
    expect(evaluated.stdout).toBe(wizardJson);
  });

  it('Ctrl+C exits 130, restores the terminal and writes no file, not even a partial one', async () => {
    const saved = join(dir, 'interrupted.yaml');
    const s = spawnPty(['wizard', '--lang', 'ja', '--save', saved], { after: 'echo; stty -a' });
    await s.waitFor('課題の名称は？');
    s.send(`鳥獣被害対策${enter}`);
    await s.waitFor('課題の内容を一言で');
    s.send(enter);
    await s.waitFor('分類は「広域的課題への取組 (wide-area-issue)」でよいですか？');
    s.send(ctrlC);
    expect(await s.exit).toBe(130);
    expect(existsSync(saved)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('.interrupted'))).toEqual([]);
    // The terminal is back in cooked mode with echo, and the cursor is shown again.
    const after = s.text().slice(s.text().lastIndexOf('speed'));
    expect(after).toMatch(/(^|\s)icanon(\s|$)/m);
    expect(after).toMatch(/(^|\s)echo(\s|$)/m);
    const raw = s.raw();
    expect(raw.lastIndexOf('\x1b[?25h')).toBeGreaterThan(raw.lastIndexOf('\x1b[?25l'));
  });

  it('on a terminal with CI=true nothing is asked: the result, or exit 2 naming what is missing', async () => {
    const missing = spawnPty(['wizard', '--name', '共同事業', '--lang', 'en'], { env: { CI: 'true' } });
    expect(await missing.exit).toBe(2);
    expect(missing.text()).toContain("the task's category: --category ID (YAML: category)");
    expect(missing.text()).not.toMatch(/^[?✔] /m); // no prompt was drawn
    const given = spawnPty(['wizard', '--name', '共同事業', '--category', 'regional-vitality', '--lang', 'en', '--as-of', '2026-11-23'], { env: { CI: 'true' } });
    expect(await given.exit).toBe(0);
    expect(given.text()).toMatch(/^■ 共同事業 \(1\)\nCategory: Regional vitality \(regional-vitality\)\n/);
  });
});
