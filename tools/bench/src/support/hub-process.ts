import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The built hub, as `npm start` runs it. */
export const HUB_MAIN = resolve(__dirname, '../../../../dist/apps/hub/main.js');
export const API_KEY = 'bench-key-0123456789abcdef0123';
/** Output kept from a hub (its tail): enough to explain a failure, bounded over a long run. */
const KEPT_OUTPUT = 64 * 1024;

/** A hub started as its own process. */
export interface BenchHub {
  url: string;
  pid: number;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** How a hub process is started beyond its environment. */
export interface HubStartOptions {
  /** Adds `--cpu-prof` (main thread and plugin workers each write a .cpuprofile there on exit). */
  profileDir?: string;
  /** Node/V8 flags before the script (`--hub-flags`), to compare settings such as `--max-semi-space-size` in one harness. */
  nodeFlags?: string[];
}

/**
 * Starts `node dist/apps/hub/main.js` as apps/hub-e2e starts it: its own folder, exactly the
 * environment given (plus PATH and the emulators' CA), and waits until it listens.
 */
export async function startHub(env: Record<string, string>, options: HubStartOptions = {}): Promise<BenchHub> {
  if (!existsSync(HUB_MAIN)) throw new Error(`${HUB_MAIN} is missing: build the hub first (npx nx run hub:build)`);
  const cwd = mkdtempSync(join(tmpdir(), 'crm-hub-bench-'));
  const port = await freePort();
  const ca = resolve(process.env['NODE_EXTRA_CA_CERTS'] ?? '');
  const args = [...(options.nodeFlags ?? []), ...(options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : []), HUB_MAIN];
  const child = spawn(process.execPath, args, {
    cwd,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', PORT: String(port), HUB_API_KEYS: API_KEY, NODE_EXTRA_CA_CERTS: ca, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const onData = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-KEPT_OUTPUT);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const deadline = Date.now() + 120_000;
  while (!/CRM Hub listening on/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`The hub did not start:\n${output}`);
    await new Promise((done) => setTimeout(done, 100));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid as number,
    process: child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}
