import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { memoryOf } from './machine';

const RUNNER = resolve(__dirname, '../../run.cjs');
/** The line a baseline prints its result on (see baselines/report.ts). */
export const RESULT_PREFIX = 'BENCH_RESULT ';

/** What a baseline reports: its own timing (from its first CRM call to its last commit). */
export interface BaselineResult {
  records: number;
  seconds: number;
  cpuSeconds?: number;
  [key: string]: unknown;
}

/**
 * Runs a baseline loader as its own process, as the hub is one: on the same machine both then
 * compete with the emulators (in this process) the same way. Returns its result and peak RSS.
 */
export async function runBaseline(name: string, input: Record<string, unknown>, env: Record<string, string> = {}): Promise<BaselineResult & { peakRssMb: number }> {
  const child = spawn(process.execPath, [RUNNER, resolve(__dirname, `../../baselines/${name}.ts`), JSON.stringify(input)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let peakRssMb = 0;
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-16_384)));
  // VmHWM is gone once the process exits: sample it while it runs.
  const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, memoryOf(child.pid as number).peakMb || 0)), 200);
  const code = await new Promise<number | null>((done) => child.once('exit', (c) => done(c)));
  clearInterval(sampler);
  const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
  if (code !== 0 || !line) throw new Error(`Baseline ${name} failed (exit ${code}):\n${stderr}\n${stdout.slice(-4_000)}`);
  return { ...(JSON.parse(line.slice(RESULT_PREFIX.length)) as BaselineResult), peakRssMb };
}

/** A baseline that runs until stopped (a follower polling the CRM). */
export function spawnBaseline(name: string, input: Record<string, unknown>, env: Record<string, string> = {}): { stop(): Promise<void>; output(): string } {
  const child = spawn(process.execPath, [RUNNER, resolve(__dirname, `../../baselines/${name}.ts`), JSON.stringify(input)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-16_384));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
