import { describeConformance } from './index';
import { memoryOptions } from './__fixtures__/memory-plugin';

// The kit's own proof that a correct plugin passes: every rule, declared the way vendors declare
// them, with the options given as a factory (resolved in beforeAll, as an emulator would need).
describe(describeConformance.name, () => {
  describeConformance('the in-memory plugin', async () => memoryOptions());
});
