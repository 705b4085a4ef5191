/** Prints a baseline's result where the benchmark looks for it (see src/support/baseline-process.ts). */
export function report(result: { records: number; seconds: number; [key: string]: unknown }): void {
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
}

/** CPU seconds this process used since `from` (a `process.cpuUsage()` reading). */
export function cpuSince(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
}

/** Seconds since `started` (a `performance.now()` reading). */
export function since(started: number): number {
  return (performance.now() - started) / 1000;
}
