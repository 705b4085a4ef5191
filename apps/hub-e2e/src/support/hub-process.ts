import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { watchOutput } from './watched-process';

/** The built hub, as `npm start` runs it. */
export const HUB_MAIN = join(__dirname, '../../../../dist/apps/hub/main.js');

/** A hub started as its own process, with everything it printed. */
export interface HubProcess {
  url: string;
  process: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Sends a signal and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts `node dist/apps/hub/main.js` in `cwd` with exactly `env` (plus PATH; PORT defaults to 3000
 * as in the hub), and waits until it listens. Rejects with the hub's output when it exits first.
 */
export async function startHub(options: { cwd: string; env: Record<string, string>; startTimeoutMs?: number }): Promise<HubProcess> {
  if (!existsSync(HUB_MAIN)) throw new Error(`${HUB_MAIN} is missing: build the hub first (npx nx run hub:build)`);
  const child = spawn(process.execPath, [HUB_MAIN], {
    cwd: options.cwd,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { output, waitForOutput, exited } = watchOutput(child, 'hub');

  await waitForOutput(/CRM Hub listening on/, options.startTimeoutMs);
  const url = `http://127.0.0.1:${options.env['PORT'] ?? 3000}`;
  let stopping = false;
  // A hub that ends on its own makes the next request fail with ECONNREFUSED, which says nothing of
  // why: say it here, with the end of what it printed.
  void exited.then(({ code, signal }) => {
    if (!stopping) process.stderr.write(`The hub at ${url} exited unasked (code ${code}, signal ${signal}); its last output:\n${output().slice(-4_000)}\n`);
  });
  return {
    url,
    process: child,
    output,
    waitForOutput,
    stop: async (signal = 'SIGTERM') => {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
