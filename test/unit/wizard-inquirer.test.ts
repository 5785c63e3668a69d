// @inquirer/testing replaces the prompts' terminal with a virtual screen; it must load first.
import { screen } from '@inquirer/testing/vitest';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/wizard.js';
import { terminalPrompter } from '../../src/cli/wizard/prompts.js';
import { harness } from '../helpers/wizard.js';

describe('kouiki wizard on @inquirer/prompts (scripted with @inquirer/testing)', () => {
  it('selects with the arrow keys, validates input, confirms, and Enter finishes', async () => {
    const h = harness();
    const prompter = await terminalPrompter(h.ctx.io, 'en');
    const given = {
      name: 'Small waterworks',
      description: 'design and supervision for a village',
      category: 'essential-service',
      crossPrefecture: false,
      needsLegalEntity: false,
      retainAuthority: true,
      commissionAffair: false,
      keepOwnOrdinances: true,
      stateDelegation: false,
      facilityBurden: 'low',
      frequency: 'rare',
      capacityGap: true,
      centralCityStatus: 'none',
      setupUrgency: 'normal',
      beyondMunicipalEffort: false,
    };
    const done = run(h.ctx, given, { prompter, interactive: true });

    await screen.next();
    expect(screen.getScreen()).toContain('What form does the cooperation take?');
    expect(screen.getScreen()).toMatch(/❯ don't know/);
    screen.keypress('up'); // joint operation
    screen.keypress('up'); // another body executes it
    screen.keypress('enter');

    await screen.next();
    expect(screen.getScreen()).toContain('Which bodies take part? (name and kind)');
    screen.keypress('enter'); // enter the parties

    await screen.next();
    expect(screen.getScreen()).toContain('Name of party 1');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('please enter a name');
    screen.type('天龍村');
    screen.keypress('enter');

    await screen.next();
    expect(screen.getScreen()).toContain('What kind of body is 天龍村?');
    // The cursor starts on the kind of the data.
    expect(screen.getScreen()).toMatch(/❯ village \(village\) \(from the data\)/);
    screen.keypress('enter');

    await screen.next();
    expect(screen.getScreen()).toContain('Add another party? (Y/n)');
    screen.type('n');
    screen.keypress('enter');

    await screen.next();
    expect(screen.getScreen()).toContain('What next?');
    expect(screen.getScreen()).toMatch(/❯ finish/);
    screen.keypress('enter');

    // Enter without --save asks before the answers are discarded; the default is no.
    await screen.next();
    expect(screen.getScreen()).toContain('The answers are not saved. Quit without saving them?');
    screen.type('y');
    screen.keypress('enter');

    expect(await done).toBe(0);
    const out = h.stdout();
    expect(out).toContain('→ not asking "Prefecture takes part"');
    expect(out).toMatch(/First choice: Proxy execution of affairs \(recommended, \d\.\d\d\)/);
  });
});
