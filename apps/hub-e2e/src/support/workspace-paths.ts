import { join } from 'node:path';

/** The repository's root, where `npm run …` and `npx crm-hub` run. */
export const WORKSPACE_ROOT = join(__dirname, '../../../..');

/** The `crm-hub` bin as `npm install` links it (node_modules/.bin/crm-hub points here). */
export const CLI_BIN = join(WORKSPACE_ROOT, 'apps/cli/bin/crm-hub.cjs');

/** The launcher of `npm run demo` and `npm run emulators`. */
export const DEMO_LAUNCHER = join(WORKSPACE_ROOT, 'tools/demo/run.cjs');

/** The standalone plugin generator (`npm run create-plugin`). */
export const CREATE_PLUGIN_BIN = join(WORKSPACE_ROOT, 'tools/plugin-generator/bin/create-plugin.cjs');
