import { createRequire } from 'node:module';
import { describeHubSpotConformance } from '../../../plugins/hubspot/src/test-support/conformance-suites.ts';

// The built package (plugins/hubspot/dist, CommonJS), loaded as a host loads a plugin.
const plugin = createRequire(import.meta.url)('@crm-hub/plugin-hubspot').default;
describeHubSpotConformance(plugin, ' on Deno');
