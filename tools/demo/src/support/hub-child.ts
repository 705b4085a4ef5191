import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { HUB_MAIN } from './workspace';

/** The hub, started from its build as a child process of the demo. */
export interface HubChild {
  url: string;
  process: ChildProcess;
  /** Stops it with SIGTERM (its graceful shutdown) and waits for the exit. */
  stop(): Promise<void>;
}

/**
 * Starts `node dist/apps/hub/main.js` with exactly `env` (plus PATH and HOME: nothing else of the
 * caller's shell, so a DATABASE_URL set there cannot point the demo at another database). Its JSON
 * log lines go to `logFile`; resolves when it answers /health.
 */
export async function startHubChild(options: { cwd: string; env: Record<string, string>; port: number; logFile: string }): Promise<HubChild> {
  if (!existsSync(HUB_MAIN)) throw new Error(`${HUB_MAIN} is missing: build the hub first (npx nx run hub:build; npm run demo does it)`);
  const log = createWriteStream(options.logFile, { flags: 'w', mode: 0o600 });
  const child = spawn(process.execPath, [HUB_MAIN], {
    cwd: options.cwd,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...(process.env['HOME'] ? { HOME: process.env['HOME'] } : {}), ...options.env, PORT: String(options.port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://localhost:${options.port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The hub exited with code ${child.exitCode} while starting: see ${options.logFile}`);
    const healthy = await fetch(`${url}/health`).then((res) => res.ok, () => false);
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`The hub did not answer within 2 minutes: see ${options.logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      log.end();
    },
  };
}
