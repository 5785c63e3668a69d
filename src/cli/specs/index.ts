import type { CommandSpec } from '../spec.js';
import { checkSpec } from './check.js';
import { completionSpec } from './completion.js';
import { dataSpec } from './data.js';
import { eligibilitySpec } from './eligibility.js';
import { evaluateSpec } from './evaluate.js';
import { explainSpec } from './explain.js';
import { instrumentsSpec } from './instruments.js';
import { recommendSpec } from './recommend.js';
import { rulesSpec } from './rules.js';
import { schemaSpec } from './schema.js';
import { sphereSpec } from './sphere.js';
import { templateSpec } from './template.js';
import { wizardSpec } from './wizard.js';

/**
 * Every command, in the order `kouiki --help` lists them: the one list that the help, the
 * completion scripts and the code cache's file names (dist/fast.json) are made from.
 */
export const COMMANDS: CommandSpec[] = [recommendSpec, wizardSpec, evaluateSpec, eligibilitySpec, sphereSpec, instrumentsSpec, checkSpec, explainSpec, dataSpec, rulesSpec, templateSpec, schemaSpec, completionSpec];
