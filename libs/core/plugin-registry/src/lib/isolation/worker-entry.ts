import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The worker's file in the hub's build: a webpack entry of its own, next to main.js (see apps/hub/webpack.config.js). */
export const WORKER_BUNDLE_FILE = 'plugin-host.worker.js';

/** What `new Worker()` starts, and what it needs to find the worker's code. */
export interface WorkerEntry {
  readonly filename: string;
  readonly workerData: Record<string, string>;
}

/**
 * Where the plugin host worker's code is:
 * - in the built hub, this module is inside `main.js` (webpack keeps Node's own `__dirname`), and
 *   the worker is the bundle beside it;
 * - under Jest or any TypeScript runner, this module is a `.ts` file: the worker is started through
 *   a small CommonJS bootstrap that compiles its TypeScript sources (run-typescript.cjs).
 */
export function pluginHostWorkerEntry(): WorkerEntry {
  if (__filename.endsWith('.ts')) {
    return { filename: join(__dirname, 'run-typescript.cjs'), workerData: { tsEntry: join(__dirname, 'plugin-host.worker.ts') } };
  }
  return { filename: join(__dirname, WORKER_BUNDLE_FILE), workerData: {} };
}

/** Why no worker can start, or undefined when its file is there. */
export function missingWorkerEntry(entry: WorkerEntry): string | undefined {
  return existsSync(entry.filename)
    ? undefined
    : `the hub cannot run plugins: its plugin host worker ${entry.filename} is missing (an incomplete build? rebuild the hub)`;
}
