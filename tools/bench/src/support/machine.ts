import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

/** Resident memory of a process now and at its peak (Linux /proc: VmRSS, VmHWM), in MB. */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: Number.NaN, peakMb: Number.NaN };
  }
}

/** What the figures were measured on (reported with them: only ratios of one run compare). */
export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  /** 1-minute load average when the run started and ended: other work on the machine skews absolute times. */
  loadAtStart: number;
  loadAtEnd?: number;
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cores: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    loadAtStart: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}

export function currentLoad(): number {
  return Math.round((loadavg()[0] ?? 0) * 100) / 100;
}

/** The machine's CPU time so far, all cores (Linux /proc/stat, in clock ticks): busy and total. */
export function machineCpuTimes(): { busy: number; total: number } {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
    const total = cpu.reduce((a, b) => a + b, 0);
    // idle and iowait are the time no process could use the core.
    return { busy: total - (cpu[3] ?? 0) - (cpu[4] ?? 0), total };
  } catch {
    return { busy: Number.NaN, total: Number.NaN };
  }
}

/** Share of all cores' time busy since `from` (any process: the benchmark's, and anyone else's). */
export function busyShareSince(from: { busy: number; total: number }): number {
  const now = machineCpuTimes();
  return Math.round(((now.busy - from.busy) / Math.max(1, now.total - from.total)) * 100) / 100;
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux). */
const CLOCK_TICKS = 100;

/**
 * CPU seconds a process has used so far, all its threads (user + system). Work per record is far
 * less noisy than wall time on a shared machine: the benchmark reports both.
 */
export function cpuSecondsOf(pid: number, file = `/proc/${pid}/stat`): number {
  try {
    const stat = readFileSync(file, 'utf8');
    // Fields after the command name (which may hold spaces), from field 3 on: utime is 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds per thread of a process (by thread name: the main thread, plugin workers, libuv's pool, V8's helpers). */
export function threadCpuOf(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      const key = `${name}#${tid}`;
      out.set(key, cpuSecondsOf(Number(tid), `/proc/${pid}/task/${tid}/stat`));
    }
  } catch {
    // The process ended.
  }
  return out;
}

/** Per-thread CPU seconds used between two {@link threadCpuOf} readings, busiest first (threads that used < 0.1 s left out). */
export function threadCpuBetween(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const used = [...after].map(([key, s]) => [key, Math.round((s - (before.get(key) ?? 0)) * 100) / 100] as const);
  return Object.fromEntries(used.filter(([, s]) => s >= 0.1).sort((a, b) => b[1] - a[1]));
}
