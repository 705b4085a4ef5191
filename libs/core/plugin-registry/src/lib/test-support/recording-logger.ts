import type { LoaderLogger } from '../plugin-loader';

/** Collects what the loader logs, so specs can check what an operator would read. */
export class RecordingLogger implements LoaderLogger {
  readonly lines: string[] = [];

  log(message: string): void {
    this.lines.push(`log: ${message}`);
  }

  warn(message: string): void {
    this.lines.push(`warn: ${message}`);
  }
}
