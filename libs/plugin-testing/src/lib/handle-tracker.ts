import { AsyncLocalStorage, createHook, type AsyncHook } from 'node:async_hooks';
import { sleep } from './collect';

/** The handle kinds a connector can leave behind, by async_hooks type → `getActiveResourcesInfo()` name. */
const WATCHED: Record<string, string> = {
  Timeout: 'Timeout',
  TCPWRAP: 'TCPSocketWrap',
  TLSWRAP: 'TLSWrap',
  FSREQCALLBACK: 'FSReqCallback',
};

/**
 * How many active resources of each watched kind (Timeout, TCPSocketWrap, TLSWrap, FSReqCallback)
 * `process.getActiveResourcesInfo()` lists right now, whoever opened them.
 *
 * @example
 * ```ts
 * const before = activeHandleCounts(); // { Timeout: 2, TCPSocketWrap: 0, TLSWrap: 0, FSReqCallback: 0 }
 * ```
 */
export function activeHandleCounts(): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(Object.values(WATCHED).map((kind) => [kind, 0]));
  for (const kind of process.getActiveResourcesInfo()) {
    if (kind in counts) counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

/**
 * The watched kinds of which more are active now than in `baseline`, as `Timeout +1`.
 *
 * @example
 * ```ts
 * extraHandles({ Timeout: 1 }, { Timeout: 2 }); // ['Timeout +1']
 * ```
 */
export function extraHandles(baseline: Record<string, number>, now: Record<string, number>): string[] {
  return Object.entries(now)
    .filter(([kind, n]) => n > (baseline[kind] ?? 0))
    .map(([kind, n]) => `${kind} +${n - (baseline[kind] ?? 0)}`);
}

/** Whether a tracked resource still holds the process open (unref'd timers and idle pooled sockets do not). */
function keepsProcessAlive(type: string, resource: object): boolean {
  if (type === 'FSREQCALLBACK') return true; // a pending file operation, until its destroy
  // A timer that fired or was cleared is marked at once; its destroy hook may come a tick later.
  if (type === 'Timeout' && (resource as { _destroyed?: boolean })._destroyed === true) return false;
  const hasRef = (resource as { hasRef?: () => boolean }).hasRef;
  // TLSWrap has no hasRef: the TCP handle under it tells whether the connection is held open.
  return typeof hasRef === 'function' && hasRef.call(resource) === true;
}

/**
 * Attributes handles to a connector: every Timeout, TCP/TLS socket and file request created in
 * the async context of {@link HandleTracker.track} (the plugin's calls and everything they start)
 * is remembered until it is destroyed. Global counts alone cannot tell the connector's handles
 * from others': an in-process emulator keeps its server-side keep-alive sockets open after the
 * client is gone, and a jest timer that ends during the rule hides a leaked one.
 *
 * @example
 * ```ts
 * const tracker = new HandleTracker();
 * try {
 *   await tracker.track(async () => { const c = await plugin.createConnector(ctx); await c.check(); await c.dispose(); });
 *   const left = await tracker.waitUntilClosed(1000); // e.g. ['Timeout']
 * } finally {
 *   tracker.stop();
 * }
 * ```
 */
export class HandleTracker {
  private readonly storage = new AsyncLocalStorage<HandleTracker>();
  private readonly alive = new Map<number, { type: string; resource: object }>();
  private readonly hook: AsyncHook = createHook({
    init: (asyncId, type, _triggerAsyncId, resource) => {
      if (WATCHED[type] !== undefined && this.storage.getStore() === this) this.alive.set(asyncId, { type, resource });
    },
    destroy: (asyncId) => {
      this.alive.delete(asyncId);
    },
  });

  /** Runs `fn`, remembering the watched resources created on its behalf. */
  track<T>(fn: () => Promise<T>): Promise<T> {
    this.hook.enable();
    return this.storage.run(this, fn);
  }

  /** `target` with every method run outside the tracked context (for the CRM handle: its sockets are not the connector's). */
  outside<T extends object>(target: T): T {
    return new Proxy(target, {
      get: (object, key) => {
        const value: unknown = Reflect.get(object, key);
        return typeof value === 'function' ? (...args: unknown[]) => this.storage.exit(() => value.apply(object, args)) : value;
      },
    });
  }

  /** The kinds of the tracked resources that still keep the process alive. */
  leftovers(): string[] {
    return [...this.alive.values()]
      .filter(({ type, resource }) => keepsProcessAlive(type, resource))
      .map(({ type }) => WATCHED[type] as string);
  }

  /** Polls until no tracked resource keeps the process alive, for at most `graceMs`; returns what is left. */
  async waitUntilClosed(graceMs: number): Promise<string[]> {
    const deadline = Date.now() + graceMs;
    for (;;) {
      const left = this.leftovers();
      if (left.length === 0 || Date.now() >= deadline) return left;
      await this.storage.exit(() => sleep(Math.min(25, Math.max(1, deadline - Date.now()))));
    }
  }

  /** Stops tracking (disables the hook). */
  stop(): void {
    this.hook.disable();
    this.alive.clear();
  }
}
