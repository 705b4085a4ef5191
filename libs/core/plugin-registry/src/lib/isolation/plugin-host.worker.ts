import { parentPort } from 'node:worker_threads';
import { WorkerRuntime } from './worker-runtime';
import type { FromWorker, ToWorker } from './worker-protocol';

/**
 * Entry point of a plugin's worker thread (bundled by the hub's webpack build as its own file,
 * `plugin-host.worker.js`, next to `main.js`). One worker runs one plugin package: it loads it
 * here, in this thread, so whatever the plugin does while loading or working — exit, loop, leak,
 * throw — happens to this thread, which the hub can stop and replace, and not to the hub.
 */
const port = parentPort;
if (!port) throw new Error('plugin-host.worker runs as a worker thread of the hub, not on its own');

const runtime = new WorkerRuntime((message: FromWorker) => port.postMessage(message));
port.on('message', (message: ToWorker) => runtime.handle(message));
port.postMessage({ t: 'ready' } satisfies FromWorker);

// A promise the plugin forgot to handle is a bug worth a warning, not a reason to lose every
// connector of this worker; an uncaught exception still ends the worker (its state is unknown).
process.on('unhandledRejection', (reason: unknown) => {
  const detail = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
  port.postMessage({ t: 'warning', message: `unhandled promise rejection in the plugin: ${detail.slice(0, 2_000)}` } satisfies FromWorker);
});
