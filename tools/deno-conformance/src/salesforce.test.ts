import { createRequire } from 'node:module';
import { describeSalesforceConformance } from '../../../plugins/salesforce/src/test-support/conformance-suites.ts';

// The built package (plugins/salesforce/dist, CommonJS), loaded as a host loads a plugin.
const plugin = createRequire(import.meta.url)('@crm-hub/plugin-salesforce').default;
describeSalesforceConformance(plugin, ' on Deno');
