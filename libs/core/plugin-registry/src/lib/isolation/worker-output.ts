import { createInterface } from 'node:readline';
import type { Worker } from 'node:worker_threads';

/** Longest console line kept from a plugin: a plugin that prints a whole payload must not flood the logs. */
const MAX_LINE_LENGTH = 2_000;

/**
 * What a plugin prints with `console.log`/`console.error` becomes log lines of the hub, tagged with
 * the plugin, instead of raw text in the middle of the hub's JSON log stream (the hub's log
 * pipeline also masks account secrets in them).
 */
export function forwardOutput(worker: Worker, label: string, logger: { log(message: string): void; warn(message: string): void }): void {
  const forward = (stream: NodeJS.ReadableStream, write: (message: string) => void) =>
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line: string) => {
      if (line.trim() === '') return;
      write(`${label} printed: ${line.length > MAX_LINE_LENGTH ? `${line.slice(0, MAX_LINE_LENGTH)}…` : line}`);
    });
  forward(worker.stdout, (m) => logger.log(m));
  forward(worker.stderr, (m) => logger.warn(m));
}
