export { describeConformance } from './lib/describe-conformance';
export { conformanceRules } from './lib/rules';
export { ConformanceError } from './lib/conformance-error';
export { createTestContext } from './lib/test-context';
export { collect, sleep } from './lib/collect';
export type { ConformanceCrm, ConformanceOptions, ConformanceRule } from './lib/conformance-options';
export type { TestContext, TestContextOptions, TestLogLine, QuotaReport } from './lib/test-context';
export type { CollectOptions } from './lib/collect';
