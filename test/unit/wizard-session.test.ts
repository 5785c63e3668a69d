import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/wizard.js';
import { DONT_KNOW } from '../../src/cli/wizard/messages.js';
import { compilePack } from '../../src/core/recommend/compile.js';
import { evaluateTask } from '../../src/core/recommend/evaluate.js';
import { ExitSignal } from '../../src/errors.js';
import { parseTaskList } from '../../src/io/tasks.js';
import { defaultPack } from '../helpers/engine.js';
import { harness, scripted } from '../helpers/wizard.js';

const dir = mkdtempSync(join(tmpdir(), 'kouiki-wizard-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The result `evaluate` gives for a saved file. */
function evaluateSaved(file: string, lang: 'ja' | 'en' = 'en'): unknown {
  const { tasks } = parseTaskList(readFileSync(file, 'utf8'), file, defaultPack().data);
  expect(tasks).toHaveLength(1);
  return JSON.parse(JSON.stringify(evaluateTask(compilePack(defaultPack(), lang, '2026-11-23'), tasks[0]!, { procedure: 'top' })));
}

describe('kouiki wizard: a scripted session (prompts injected)', () => {
  it('asks name, description and category, then the facts in the pack order, skipping what earlier answers settle; saves what evaluate reads', async () => {
    const h = harness({ format: ['json'] });
    const save = join(dir, 'coordination.yaml');
    const p = scripted([
      { q: 'What is the task called?', a: ['', '  ', 'Disaster drills'] },
      { q: 'Describe the task', a: 'joint evacuation drills across the towns' },
      { q: 'Is the category "Wide-area issues (wide-area-issue)"?', a: 'wide-area-issue' },
      { q: 'What form does the cooperation take?', a: 'coordination' },
      { q: 'Which bodies take part?', a: DONT_KNOW },
      { q: 'Is a prefecture one of the parties?', a: false },
      { q: 'Are the parties in more than one prefecture?', a: DONT_KNOW },
      { q: 'Must the requesting body keep', a: DONT_KNOW },
      { q: 'Is the capital cost of facilities high?', a: 'low' },
      { q: 'How often does the affair arise?', a: 'regular' },
      { q: 'Does a party lack the specialist staff', a: false },
      { q: 'How urgently must it be set up?', a: DONT_KNOW },
      { q: 'Is it something municipalities cannot solve', a: false },
      { q: 'What next?', a: 'finish' },
    ]);
    expect(await run(h.ctx, { save }, { prompter: p, interactive: true })).toBe(0);
    p.done();
    // An empty name is refused, with the reason.
    expect(p.rejected).toEqual(['please enter a name (required)', 'please enter a name (required)']);
    const notes = p.printed.join('\n');
    expect(notes).toContain('→ not asking "Central city status" (the central city\'s status only bears on');
    expect(notes).toContain('→ Needs its own legal entity: no (coordination alone needs no body with its own budget, assembly and staff)');
    expect(notes).toContain("→ Takes on the state's or a prefecture's affairs: no");
    expect(notes).toContain('→ not asking "A commission\'s affair"');
    expect(notes).toContain('→ not asking "Bundles several affairs"');
    // Agreement and council tie here (coordination, wide-area issue): shown as a tie, no first choice.
    expect(notes).toContain('Tied for first: Cooperation agreement, Council');
    expect(notes).toContain(`saved ${save}`);
    // Every fact question offers "don't know".
    for (const [message, choices] of p.choices) if (message.endsWith('?') && message !== 'What next?') expect(choices.some((c) => c.value === DONT_KNOW), message).toBe(true);

    const text = readFileSync(save, 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=https://raw.githubusercontent.com/kouiki/kouiki/main/schemas/tasks.schema.json');
    expect(text).toContain('needsLegalEntity: false # implied: coordination alone needs no body');
    expect(text).toContain("parties: null # don't know");
    expect(text).not.toContain('centralCityStatus');
    expect(text).not.toContain('multipleAffairs');
    // The wizard's own JSON (-f json after the session) is what evaluate makes of the saved file.
    const own = JSON.parse(h.stdout());
    expect(own.results[0]).toEqual(evaluateSaved(save));
    if (!own.results[0].tie) expect(own.results[0].recommendations[0].procedure.length).toBeGreaterThan(0);
  });

  it('with --answers asks only the rest ("don\'t know" saved as null is not asked again) and flags win over the file', async () => {
    const file = join(dir, 'answers.yaml');
    writeFileSync(
      file,
      [
        'version: 1',
        'tasks:',
        '  - name: 介護認定審査会',
        '    category: essential-service',
        '    facts:',
        '      mode: joint-organ',
        '      parties: [{ name: 箱根町, kind: town }, { name: 清川村, kind: village }]',
        '      crossPrefecture: null',
        '      needsLegalEntity: true',
        '      retainAuthority: true',
        '      stateDelegation: false',
        '      facilityBurden: low',
        '      frequency: rare',
        '      capacityGap: true',
        '      setupUrgency: normal',
        '',
      ].join('\n'),
    );
    const h = harness({ lang: 'ja' });
    const p = scripted([
      { q: '課題の内容を一言で', a: '' },
      { q: '市町村が最大限努力しても解決できない', a: false },
      { q: '次は？', a: 'finish' },
    ]);
    const save = join(dir, 'answers-out.yaml');
    expect(await run(h.ctx, { answers: file, save, needsLegalEntity: false }, { prompter: p, interactive: true })).toBe(0);
    p.done();
    const saved = readFileSync(save, 'utf8');
    expect(saved).toContain('needsLegalEntity: false');
    expect(saved).toContain('crossPrefecture: null # わからない');
    // No legal entity (the flag's answer) means no union, so whether it bundles affairs is not asked.
    expect(saved).not.toContain('multipleAffairs');
    expect(p.printed.join('\n')).toContain('→ 「複数の関連事務を束ねる」は聞きません');
    expect(saved).toContain('# kouiki wizard で作成した課題リスト');
    // includesPrefecture is settled by the parties and centralCityStatus cannot matter: neither was asked.
    expect(p.asked.join('\n')).not.toMatch(/都道府県（県）が当事者|中心となる市/);
  });

  it('"why not X?" shows every reason of that instrument with its citation; "change an answer" reopens what the old answer settled', async () => {
    const h = harness();
    const p = scripted([
      { q: 'Describe the task', a: '' },
      { q: 'What form does the cooperation take?', a: 'coordination' },
      { q: 'Which bodies take part?', a: 'enter' },
      { q: 'Name of party 1', a: '神奈川県' },
      { q: 'What kind of body is 神奈川県?', a: 'prefecture' },
      { q: 'Add another party?', a: true },
      { q: 'Name of party 2', a: ['神奈川県', '小田原'] },
      { q: 'What kind of body is 小田原市?', a: 'ENTER' }, // the cursor starts on the kind of the data (施行時特例市)
      { q: 'Add another party?', a: false },
      { q: 'Must the requesting body keep', a: true },
      { q: 'Is the capital cost of facilities high?', a: DONT_KNOW },
      { q: 'How often does the affair arise?', a: DONT_KNOW },
      { q: 'Does a party lack the specialist staff', a: DONT_KNOW },
      { q: 'How urgently must it be set up?', a: DONT_KNOW },
      { q: 'Is it something municipalities cannot solve', a: DONT_KNOW },
      { q: 'What next?', a: 'why' },
      { q: 'Which instrument?', a: 'partial-affairs-union' },
      { q: 'What next?', a: 'change' },
      { q: 'Which answer?', a: { pick: 'Mode of cooperation: coordination only' } },
      { q: 'What form does the cooperation take?', a: 'joint-operation' },
      { q: 'Does the work need its own legal entity', a: true },
      { q: 'Does the affair belong to a commission', a: false },
      { q: "Must the affair stay under the requesting body's own ordinances", a: DONT_KNOW },
      { q: 'Will the body take on affairs that belong to the state', a: true },
      { q: "Are the affairs the state's or a prefecture's?", a: 'state' },
      { q: 'Does a law, or a cabinet order under it, provide', a: true },
      { q: 'Does it bundle several related affairs', a: true },
      { q: 'What next?', a: 'change' },
      { q: 'Which answer?', a: { pick: 'Parties: ' } },
      { q: 'Which parties stay?', a: ['小田原市'] },
      { q: 'Add another party?', a: true },
      { q: 'Name of party 2', a: ['ほげ町', '箱根町'] },
      { q: 'What kind of body is 箱根町?', a: 'village' },
      { q: 'What kind of body is 箱根町?', a: 'town' },
      { q: 'Add another party?', a: false },
      { q: 'What next?', a: 'ENTER' },
      // Enter without --save asks before the answers are discarded (issue 15 item 17).
      { q: 'The answers are not saved. Quit without saving them?', a: true },
    ]);
    expect(await run(h.ctx, { name: 'Shared fire service', category: 'essential-service' }, { prompter: p, interactive: true })).toBe(0);
    p.done();
    expect(p.rejected[0]).toBe('"神奈川県" is already on the list');
    expect(p.rejected[1]).toMatch(/^no body named "ほげ町" in the municipality data/);
    expect(p.printed.join('\n')).toContain('"箱根町" is given as a village (village), but the data has it as a town (town)');
    const printed = p.printed.join('\n');
    const why = printed.slice(printed.indexOf('Why Partial-affairs union ranks'));
    const cp = compilePack(defaultPack(), 'en', '2026-11-23');
    const first = evaluateTask(cp, { id: '1', name: 'Shared fire service', category: 'essential-service', facts: { mode: 'coordination', parties: [{ name: '神奈川県', kind: 'prefecture', prefecture: '神奈川県' }, { name: '小田原市', kind: 'transitional-special-city', prefecture: '神奈川県' }], needsLegalEntity: false, retainAuthority: true, stateDelegation: false } }, { procedure: 'top' });
    const union = first.recommendations.find((r) => r.instrument === 'partial-affairs-union')!;
    for (const r of union.reasons) expect(why).toContain(`${r.effect} ${r.message}${r.citation ? ` [${r.citation}]` : ''}`);
    expect(printed).toContain('"Needs its own legal entity" no longer follows from your answers');
    expect(printed).toContain('"Takes on the state\'s or a prefecture\'s affairs" no longer follows');
    // The last answer shown: regional federation first (legal entity + the state's affairs under a law, Art. 291-2(1)).
    expect(printed.slice(printed.lastIndexOf('First choice:'))).toMatch(/^First choice: Regional federation/);
  });

  it('proposes the inferred category with its evidence, lets the user describe again or pick another; offers every category when nothing is inferred', async () => {
    const h = harness({ lang: 'ja' });
    const p = scripted([
      { q: '課題の名称は？', a: '共同事業' },
      { q: '課題の内容を一言で', a: '' },
      { q: '課題の分類を選んでください', a: { pick: '説明を書き直して' } },
      { q: '課題の内容を一言で', a: 'バス路線の維持と商工の振興' },
      { q: '分類は「活力ある社会経済維持に向けた取組 (regional-vitality)」でよいですか？（根拠の語: バス（説明）、商工（説明））', a: { pick: '地域全体で中核市レベル' } },
      { q: 'どのような形で連携しますか？', a: 'planning' },
      { q: '参加する団体は？', a: DONT_KNOW },
      { q: '都道府県（県）が当事者', a: DONT_KNOW },
      { q: '参加団体が複数の都道府県', a: DONT_KNOW },
      { q: '独自の法人格', a: DONT_KNOW },
      { q: '事務を頼む側が', a: DONT_KNOW },
      { q: '国又は都道府県の権限に属する事務', a: DONT_KNOW },
      // "don't know" leaves whose affairs and under which law open: both are still asked
      { q: '引き受けるのは国の事務ですか、都道府県の事務ですか？', a: DONT_KNOW },
      { q: '国の事務を広域連合などに処理させることを定めた法律', a: DONT_KNOW },
      { q: '施設整備などの財政負担', a: DONT_KNOW },
      { q: 'その事務はどのくらいの頻度', a: DONT_KNOW },
      { q: '専門職員の不足', a: DONT_KNOW },
      { q: '中心となる市は指定都市・中核市ですか？', a: 'core-city' },
      { q: '早く立ち上げる必要', a: DONT_KNOW },
      { q: '市町村が最大限努力しても', a: DONT_KNOW },
      { q: '複数の関連事務', a: DONT_KNOW },
      { q: '次は？', a: 'finish' },
      { q: '回答は保存されていません。保存せずに終了しますか？', a: true },
    ]);
    expect(await run(h.ctx, {}, { prompter: p, interactive: true })).toBe(0);
    p.done();
    expect(p.printed.join('\n')).toContain('名称と説明からは分類を推定できませんでした');
    const pick = p.choices.get('課題の分類を選んでください（県西地域の案 第5章）')!;
    expect(pick.map((c) => c.value)).toEqual(['wide-area-issue', 'regional-vitality', 'essential-service', 'core-city-service', 'administrative-efficiency', '\u0000describe', '\u0000dont-know']);
    expect(p.printed.join('\n')).toContain('回答は保存していません');
  });

  it('without --save, the menu offers to save to a file it checks as it is typed, and never overwrites unasked', async () => {
    const existing = join(dir, 'existing.yaml');
    writeFileSync(existing, 'old\n');
    const chosen = join(dir, 'chosen.yaml');
    const h = harness();
    const p = scripted([
      { q: 'What next?', a: 'save' },
      { q: 'File to save to', a: [join(dir, 'no-such-dir', 'x.yaml'), dir, existing] },
      { q: `${existing} exists. Overwrite it?`, a: 'ENTER' },
      { q: 'What next?', a: 'save' },
      { q: 'File to save to', a: chosen },
    ]);
    const given = { name: 'n', description: 'd', category: 'regional-vitality', ...Object.fromEntries(defaultPack().data.facts.filter((f) => f.type !== 'parties').map((f) => [f.id, f.type === 'boolean' ? false : f.values![0]!.id])), party: ['小田原市:city'] };
    expect(await run(h.ctx, given, { prompter: p, interactive: true })).toBe(0);
    p.done();
    expect(p.rejected).toEqual([expect.stringContaining('the directory does not exist'), expect.stringContaining('it is a directory')]);
    expect(readFileSync(existing, 'utf8')).toBe('old\n');
    expect(evaluateSaved(chosen)).toMatchObject({ task: { name: 'n' }, category: { id: 'regional-vitality' } });
    expect(p.printed.join('\n')).toContain(`saved ${chosen}`);
  });

  it('proposes the category an affair of the pack decides, naming the affair, its source and why, in both languages (issue 15 item 17)', async () => {
    const session = async (lang: 'ja' | 'en', steps: Parameters<typeof scripted>[0], stopAt: RegExp) => {
      const p = scripted(steps);
      const select = p.select.bind(p);
      // Stop after the category (the fact questions are another test's).
      p.select = async (o) => {
        if (stopAt.test(o.message)) throw new ExitSignal(130);
        return select(o);
      };
      await expect(run(harness({ lang }).ctx, {}, { prompter: p, interactive: true })).rejects.toMatchObject({ exitCode: 130 });
      p.done();
      return p;
    };
    const ja = await session(
      'ja',
      [
        { q: '課題の名称は？', a: '図書館の相互利用' },
        { q: '課題の内容を一言で', a: '' },
        { q: '分類は「活力ある社会経済維持に向けた取組 (regional-vitality)」でよいですか？（推定の根拠: 「図書館の相互利用」→ 事務「図書館（相互利用・相互貸借）」（図書館法第3条第4号））', a: 'regional-vitality' },
      ],
      /どのような形で連携しますか/,
    );
    expect(ja.printed.join('\n')).toContain('図書館（相互利用・相互貸借）: 図書館の連携は多くが相互利用・相互貸借で、圏域の「生活関連機能サービスの向上」に当たる');
    const en = await session(
      'en',
      [
        { q: 'What is the task called?', a: 'Joint review board' },
        { q: 'Describe the task', a: '障害支援区分認定審査会の共同設置' },
        { q: 'Is the category "Essential services (essential-service)"? (inferred from: "障害支援区分認定審査会" → the affair "Disability support level (the municipal review board)"', a: 'essential-service' },
      ],
      /What form does the cooperation take/,
    );
    const q = [...en.choices.keys()].find((m) => m.startsWith('Is the category'))!;
    expect(q).toContain('款「市町村審査会」');
    expect(en.printed.join('\n')).toContain('Disability support level (the municipal review board): a town has "few cases a year"');
  });

  it('Ctrl+C (the prompt gives up) ends the run with 130 and writes nothing', async () => {
    const h = harness();
    const save = join(dir, 'never.yaml');
    const p = scripted([{ q: 'What is the task called?', a: 'x' }]);
    p.input = async () => {
      throw new ExitSignal(130);
    };
    await expect(run(h.ctx, { save }, { prompter: p, interactive: true })).rejects.toMatchObject({ exitCode: 130 });
    expect(existsSync(save)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('never'))).toEqual([]);
  });
});
