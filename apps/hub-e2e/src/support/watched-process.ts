import type { ChildProcess } from 'node:child_process';

/** A child process's stdout and stderr as one text, and a way to wait for a line in it. */
export interface WatchedOutput {
  output(): string;
  /** Resolves with the first match of `pattern`; rejects when the process exits or the time runs out first. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Collects what `child` prints; `name` says whose output it is in failure messages. */
export function watchOutput(child: ChildProcess, name: string): WatchedOutput {
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    listeners.forEach((listener) => listener());
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const waitForOutput = (pattern: RegExp, timeoutMs = 30_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(output);
        if (match) {
          done();
          resolve(match);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`No ${pattern} in the ${name}'s output within ${timeoutMs} ms:\n${output}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      void exited.then(({ code }) => {
        if (!pattern.exec(output)) {
          done();
          reject(new Error(`The ${name} exited (code ${code}) before printing ${pattern}:\n${output}`));
        }
      });
      listeners.add(check);
      check();
    });
  return { output: () => output, waitForOutput, exited };
}
