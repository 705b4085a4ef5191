import type { ConformanceRule } from '../conformance-options';
import { absentNotNullRule } from './absent-not-null.rule';
import { checkRule } from './check.rule';
import { coldLazyRule } from './cold-lazy.rule';
import { discoverRule } from './discover.rule';
import { fullReadRule } from './full-read.rule';
import { manifestRule } from './manifest.rule';
import { pacedReadRule } from './paced-read.rule';
import { meteringRule } from './metering.rule';
import { resumeRule } from './resume.rule';
import { writesRule } from './writes.rule';

/**
 * Every rule the kit checks, in the order `describeConformance` declares them: `manifest`, `check`,
 * `discover`, `full-read`, `resume`, `absent-not-null`, `paced-read`, `cold-lazy`, `writes`,
 * `metering`. Each `run` rejects with a `ConformanceError` whose message starts with the rule id
 * (`[resume] …`) and says what the plugin did wrong; every rule also fails when a secret of the
 * config appears in a result, an error, a log line or a checkpoint.
 *
 * @example
 * ```ts
 * import { conformanceRules } from '@crm-hub/plugin-testing';
 *
 * const resume = conformanceRules.find((rule) => rule.id === 'resume')!;
 * it(resume.title, () => resume.run(options), 60_000);
 * ```
 */
export const conformanceRules: readonly ConformanceRule[] = Object.freeze([
  manifestRule,
  checkRule,
  discoverRule,
  fullReadRule,
  resumeRule,
  absentNotNullRule,
  pacedReadRule,
  coldLazyRule,
  writesRule,
  meteringRule,
]);
