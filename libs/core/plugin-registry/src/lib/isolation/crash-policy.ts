import type { PluginIsolationLimits } from '../plugin-registry.options';

/** Longest wait before a restart, however many crashes came before. */
const MAX_BACKOFF_MS = 60_000;

/** What to do after a crash: restart after `delayMs`, or refuse the plugin. */
export type CrashVerdict = { readonly restartInMs: number } | { readonly refuse: true; readonly crashes: number };

/**
 * Restart with backoff, refuse after repeated crashes: a plugin that crashes now and then (a
 * rare bug, a leak that takes days) keeps being restarted, because crashes older than the window
 * are forgotten; one that crashes `maxCrashes` times within the window is refused until the hub
 * restarts, instead of burning CPU in a crash loop. The wait doubles with each crash in the window.
 */
export class CrashPolicy {
  private readonly crashes: number[] = [];

  constructor(
    private readonly limits: Pick<PluginIsolationLimits, 'maxCrashes' | 'crashWindowMs' | 'restartBackoffMs'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a crash and decides. */
  crashed(): CrashVerdict {
    const now = this.now();
    this.crashes.push(now);
    while (this.crashes.length > 0 && (this.crashes[0] as number) <= now - this.limits.crashWindowMs) this.crashes.shift();
    const recent = this.crashes.length;
    if (recent >= this.limits.maxCrashes) return { refuse: true, crashes: recent };
    return { restartInMs: Math.min(MAX_BACKOFF_MS, this.limits.restartBackoffMs * 2 ** (recent - 1)) };
  }
}

/** "10 min", "90 s": how the window reads in a reason. */
export function describeDuration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return ms >= 1_000 ? `${Math.round(ms / 1_000)} s` : `${ms} ms`;
}
