import { memoryOf } from './machine';

/** One sample of a hub's memory during a run, in MB. */
export interface MemorySample {
  /** Seconds since the watch began. */
  at: number;
  rss: number;
  /** The main thread's V8 old space in use and its size (from the hub's /metrics); plugin workers are not in it. */
  mainOldUsed?: number;
  mainOldSize?: number;
  /** The main thread's new space size (two semi-spaces). */
  mainNewSize?: number;
  /** Each plugin worker's V8 heap size (total), by plugin id. */
  workers?: Record<string, number>;
}

/** A running watch: samples so far, and where in the run the peak (VmHWM) last rose. */
export interface MemoryWatch {
  samples: MemorySample[];
  stop(): void;
  /** When the peak last rose, as a share of the watched time: a peak at the start is set-up, not volume. */
  peakRaisedAtShare(): number;
}

const TICK_MS = 500;

/**
 * Watches a hub process: its peak RSS every 0.5 s (to place the peak in the run), and RSS with the
 * main thread's heap every `sampleEverySeconds` (to tell the main heap's growth from the rest:
 * plugin workers, native memory).
 */
export function watchMemory(pid: number, hubUrl: string, sampleEverySeconds = 10): MemoryWatch {
  const started = Date.now();
  let peak = memoryOf(pid).peakMb;
  let raisedAt = started;
  let ended: number | undefined;
  const samples: MemorySample[] = [];
  let ticks = 0;
  const timer = setInterval(() => {
    const { rssMb, peakMb } = memoryOf(pid);
    if (peakMb > peak) [peak, raisedAt] = [peakMb, Date.now()];
    if (ticks++ % Math.round((sampleEverySeconds * 1000) / TICK_MS) !== 0) return;
    const sample: MemorySample = { at: Math.round((Date.now() - started) / 1000), rss: Math.round(rssMb) };
    samples.push(sample);
    // Filled in when /metrics answers; a hub that is stopping leaves the sample as RSS only.
    mainHeap(hubUrl).then((heap) => Object.assign(sample, heap), () => undefined);
  }, TICK_MS);
  return {
    samples,
    stop: () => {
      clearInterval(timer);
      ended = Date.now();
    },
    peakRaisedAtShare: () => (raisedAt - started) / Math.max(1, (ended ?? Date.now()) - started),
  };
}

/** `rss/oldUsed:oldSize+newSize/workers' heaps` per sample, for a log line. */
export function formatSamples(samples: MemorySample[]): string {
  const workers = (s: MemorySample) => Object.values(s.workers ?? {}).reduce((a, b) => a + b, 0);
  return samples.map((s) => (s.mainOldUsed === undefined ? `${s.rss}` : `${s.rss}/${s.mainOldUsed}:${s.mainOldSize}+${s.mainNewSize}/${workers(s)}`)).join(' ');
}

async function mainHeap(hubUrl: string): Promise<Pick<MemorySample, 'mainOldUsed' | 'mainOldSize' | 'mainNewSize' | 'workers'>> {
  const text = await (await fetch(`${hubUrl}/metrics`)).text();
  const mb = (kind: 'used' | 'total', space: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`crm_hub_nodejs_heap_space_size_${kind}_bytes{space="${space}"} `));
    return Math.round(Number(line?.split(' ')[1] ?? Number.NaN) / 2 ** 20);
  };
  const workers: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const worker = /^crm_hub_plugin_heap_bytes\{plugin="([^"]+)",kind="total"\} (\S+)/.exec(line);
    if (worker) workers[worker[1] as string] = Math.round(Number(worker[2]) / 2 ** 20);
  }
  return { mainOldUsed: mb('used', 'old'), mainOldSize: mb('total', 'old'), mainNewSize: mb('total', 'new'), workers };
}
