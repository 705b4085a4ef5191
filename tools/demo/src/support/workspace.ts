import { join, resolve } from 'node:path';

/** The repository's root (this file is tools/demo/src/support/workspace.ts). */
export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');

/** The built hub, as `npm start` runs it. */
export const HUB_MAIN = join(WORKSPACE_ROOT, 'dist/apps/hub/main.js');
