import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { HUB_MAIN } from './hub-process';

/** How a hub process (or one of its commands) ended, with everything it printed. */
export interface HubExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  durationMs: number;
}

/**
 * Runs `node dist/apps/hub/main.js [args]` until it exits: for hubs that must refuse to start, and
 * for commands. `killOn`: SIGKILL the process as soon as its output matches (a crash at that
 * point); `timeoutMs`: SIGKILL it then (the result says so through `signal`).
 */
export async function runHubToExit(options: {
  cwd: string;
  env: Record<string, string>;
  args?: string[];
  killOn?: RegExp;
  timeoutMs?: number;
}): Promise<HubExit> {
  if (!existsSync(HUB_MAIN)) throw new Error(`${HUB_MAIN} is missing: build the hub first (npx nx run hub:build)`);
  const started = Date.now();
  const child = spawn(process.execPath, [HUB_MAIN, ...(options.args ?? [])], {
    cwd: options.cwd,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (options.killOn?.test(output) && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (c, s) => resolve({ code: c, signal: s }));
  }).finally(() => clearTimeout(timer));
  return { code, signal, output, durationMs: Date.now() - started };
}
