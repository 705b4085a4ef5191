import { createRequire } from 'node:module';
import { describeDynamicsConformance } from '../../../plugins/dynamics/src/test-support/conformance-suites.ts';

// The built package (plugins/dynamics/dist, CommonJS), loaded as a host loads a plugin.
const plugin = createRequire(import.meta.url)('@crm-hub/plugin-dynamics').default;
describeDynamicsConformance(plugin, ' on Deno');
