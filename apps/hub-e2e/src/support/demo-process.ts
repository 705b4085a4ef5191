import { type ChildProcess, spawn } from 'node:child_process';
import { watchOutput } from './watched-process';
import { DEMO_LAUNCHER, WORKSPACE_ROOT } from './workspace-paths';

/** `npm run demo` or `npm run emulators`, started as a process of its own, with what it printed. */
export interface DemoProcess {
  process: ChildProcess;
  output(): string;
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  /** Sends a signal (Ctrl-C is SIGINT) and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

/** Runs `node tools/demo/run.cjs <entry> <args>` from the repository root, as the npm scripts do. */
export function startDemoProcess(entry: 'demo' | 'emulators', args: string[]): DemoProcess {
  const child = spawn(process.execPath, [DEMO_LAUNCHER, entry, ...args], {
    cwd: WORKSPACE_ROOT,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...(process.env['HOME'] ? { HOME: process.env['HOME'] } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const watched = watchOutput(child, entry);
  const exited = watched.exited.then(({ code }) => code);
  return {
    process: child,
    output: watched.output,
    exited,
    waitForOutput: watched.waitForOutput,
    stop: async (signal = 'SIGINT') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
