import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The built hub, as `npm start` runs it. */
export const HUB_MAIN = resolve(__dirname, '../../../../dist/apps/hub/main.js');
const PACKAGE_JSON = resolve(__dirname, '../../../../package.json');
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
  /** Node/V8 flags after `npm start`'s own (`--hub-flags`), to compare settings such as `--max-semi-space-size` in one harness. */
  nodeFlags?: string[];
}

/**
 * The Node flags `npm start` gives the hub, read from package.json's start script: the benchmark
 * measures the hub as users run it, and the flags are written in one place.
 */
export function startScriptNodeFlags(): string[] {
  const start = (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { scripts: Record<string, string> }).scripts['start'] ?? '';
  const command = /\bnode((?:\s+--\S+)*)\s+dist\/apps\/hub\/main\.js/.exec(start);
  if (!command) throw new Error(`package.json's start script no longer runs "node [flags] dist/apps/hub/main.js" (it is "${start}"): update startScriptNodeFlags in ${__filename}`);
  return command[1].split(/\s+/).filter(Boolean);
}

/**
 * Starts `node [npm start's flags] dist/apps/hub/main.js` in its own folder with exactly the
 * environment given (plus PATH and the emulators' CA), as apps/hub-e2e does, and waits until it listens.
 */
export async function startHub(env: Record<string, string>, options: HubStartOptions = {}): Promise<BenchHub> {
  if (!existsSync(HUB_MAIN)) throw new Error(`${HUB_MAIN} is missing: build the hub first (npx nx run hub:build)`);
  const cwd = mkdtempSync(join(tmpdir(), 'crm-hub-bench-'));
  const port = await freePort();
  const ca = resolve(process.env['NODE_EXTRA_CA_CERTS'] ?? '');
  // V8 takes the last value of a flag given twice, so --hub-flags can override npm start's.
  const args = [...startScriptNodeFlags(), ...(options.nodeFlags ?? []), ...(options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : []), HUB_MAIN];
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
