import { Observable } from 'rxjs';
import { anySignal } from './abort';

/** Pages a paced stream fetches ahead of its consumer by default: one, so the network and the consumer overlap. */
export const DEFAULT_READ_AHEAD_PAGES = 1;

/**
 * The most pages a paced stream may hold ahead of its consumer. `pacedStream` clamps its
 * `readAhead` to it, and the conformance kit's `paced-read` rule fails a plugin that reads further.
 *
 * @example
 * ```ts
 * pacedStream(produce, { readAhead: MAX_READ_AHEAD_PAGES });
 * ```
 */
export const MAX_READ_AHEAD_PAGES = 2;

/**
 * What a producer of a paced stream yields: one message, or one page of messages (an array, taken
 * as a unit: "pages ahead" counts these).
 *
 * @example
 * ```ts
 * async function* produce(): AsyncGenerator<Produced<SyncMessage>> {
 *   yield [upsert1, upsert2, checkpoint]; // one page
 *   yield statusMessage;                  // one message
 * }
 * ```
 */
export type Produced<T> = T | readonly T[];

/**
 * A stream that is both an rxjs `Observable` (contract 1: subscribe, and values are pushed as
 * fast as the plugin reads) and an `AsyncIterable` (SDK 1.1: iterate with `for await`, and the
 * plugin reads the next page only when the consumer has room — at most `readAhead` pages ahead).
 * `read()` and `changes()` of plugins built with SDK 1.1 return one, made by {@link pacedStream};
 * hosts consume it with {@link toAsyncIterable}.
 *
 * @example
 * ```ts
 * const stream: PacedObservable<SyncMessage> = connector.read(req) as PacedObservable<SyncMessage>;
 * for await (const msg of stream) await store(msg); // paced by store()
 * ```
 */
export interface PacedObservable<T> extends Observable<T>, AsyncIterable<T> {}

/**
 * Options of {@link pacedStream}.
 *
 * @example
 * ```ts
 * const options: PacedStreamOptions = { lifetime: connectorScope.signal, readAhead: 1 };
 * ```
 */
export interface PacedStreamOptions {
  /** Aborted when the connector is disposed or the host shuts down: the stream then fails with its reason. */
  lifetime?: AbortSignal;
  /** Pages fetched ahead of the consumer when iterated (0 to {@link MAX_READ_AHEAD_PAGES}; default {@link DEFAULT_READ_AHEAD_PAGES}). */
  readAhead?: number;
}

/**
 * Makes a cold {@link PacedObservable} from an async producer (usually an async generator that
 * fetches one CRM page per step and yields it as an array).
 *
 * - Nothing runs before a subscription or the first `next()` of an iteration; each gets its own
 *   `AbortSignal`, aborted on unsubscribe / `break` (cancelling the request or timer in flight)
 *   and when `lifetime` aborts.
 * - Iterated, the producer is pulled on demand: it is never more than `readAhead` pages ahead of
 *   the message the consumer asked for, so memory stays bounded whatever the consumer's speed.
 * - Subscribed, pages are pushed as they come (a contract-1 consumer is merely unpaced).
 * - A stream ended by `lifetime` (dispose, shutdown) fails with the abort reason instead of
 *   completing: a consumer must never mistake an interrupted read for a finished one.
 *
 * @example
 * ```ts
 * read(req: ReadRequest): Observable<SyncMessage> {
 *   return pacedStream(async function* (signal) {
 *     for (let url = firstUrl; url; ) {
 *       const page = await getPage(url, signal);
 *       yield [...page.rows.map(toUpsert), checkpointAfter(page)];
 *       url = page.next;
 *     }
 *   }, { lifetime: this.scope.signal });
 * }
 * ```
 */
export function pacedStream<T>(
  produce: (signal: AbortSignal) => AsyncIterable<Produced<T>>,
  options: PacedStreamOptions = {},
): PacedObservable<T> {
  const readAhead = Math.max(0, Math.min(MAX_READ_AHEAD_PAGES, Math.floor(options.readAhead ?? DEFAULT_READ_AHEAD_PAGES)));
  const observable = new Observable<T>((subscriber) => {
    const controller = new AbortController();
    const signal = anySignal(options.lifetime, controller.signal);
    void (async () => {
      try {
        for await (const item of produce(signal)) {
          for (const value of pageOf(item)) {
            if (subscriber.closed) return;
            subscriber.next(value);
          }
          if (subscriber.closed) return;
        }
        if (signal.aborted) throw signal.reason;
        subscriber.complete();
      } catch (error) {
        if (!subscriber.closed) subscriber.error(error);
      }
    })();
    return () => controller.abort();
  });
  const iterable: AsyncIterable<T> = {
    [Symbol.asyncIterator]: () => new PacedIterator(produce, readAhead, options.lifetime),
  };
  return Object.assign(observable, iterable) as PacedObservable<T>;
}

/**
 * Whether a stream can be iterated on demand (made by {@link pacedStream}, or any `AsyncIterable`).
 *
 * @example
 * ```ts
 * if (!isPaced(stream)) logger.warn('this plugin reads ahead without bound (built with SDK 1.0)');
 * ```
 */
export function isPaced<T>(stream: Observable<T> | AsyncIterable<T>): stream is AsyncIterable<T> {
  return typeof (stream as Partial<AsyncIterable<T>>)?.[Symbol.asyncIterator] === 'function';
}

/**
 * The host's side of pacing: `stream` as an `AsyncIterable`. A paced stream is iterated on demand;
 * a plain Observable (a contract-1 plugin) is subscribed on the first `next()` and buffered
 * without bound — it still works, it is merely unpaced. Breaking out of the loop unsubscribes.
 *
 * @example
 * ```ts
 * for await (const msg of toAsyncIterable(connector.read(req))) {
 *   await applyInTransaction(msg);
 * }
 * ```
 */
export function toAsyncIterable<T>(stream: Observable<T> | AsyncIterable<T>): AsyncIterable<T> {
  if (isPaced(stream)) return stream;
  return { [Symbol.asyncIterator]: () => new BufferingIterator(stream) };
}

/**
 * A host's iterator over a stream in bulk (see {@link batchIterator}): each `next(max)` answers the
 * messages that are available at once, in stream order — at least one, at most `max`.
 *
 * @example
 * ```ts
 * const batches: BatchIterator<SyncMessage> = batchIterator(connector.read(req));
 * const first = await batches.next(500); // { done: false, value: [...] }
 * ```
 */
export interface BatchIterator<T> {
  next(max: number): Promise<IteratorResult<readonly T[], undefined>>;
  /** Stops the stream early (unsubscribes, aborts the request in flight). */
  return(): Promise<void>;
}

/**
 * The key of a paced iterator's bulk step. A registered symbol, so that a host recognises the
 * iterators of a plugin built with another copy of this SDK; iterators without it are taken one
 * message at a time.
 */
const TAKE_AVAILABLE = Symbol.for('@crm-hub/plugin-sdk/paced-stream.takeAvailable');

type BulkIterator<T> = AsyncIterator<T> & { [TAKE_AVAILABLE]?: (max: number) => Promise<IteratorResult<readonly T[], undefined>> };

/**
 * For hosts: `stream` iterated as {@link toAsyncIterable} does, with the same pacing, but taking
 * the messages of a fetched page in one step instead of one promise per message (for a paced
 * stream, a step never goes past the page the consumer is in, so no page is fetched earlier than
 * one message at a time would fetch it). A plain Observable, or an iterator from an SDK without
 * bulk steps, is taken one message per step.
 *
 * @example
 * ```ts
 * const batches = batchIterator(connector.read(req));
 * for (let step = await batches.next(500); !step.done; step = await batches.next(500)) await store(step.value);
 * ```
 */
export function batchIterator<T>(stream: Observable<T> | AsyncIterable<T>): BatchIterator<T> {
  const iterator = toAsyncIterable(stream)[Symbol.asyncIterator]() as BulkIterator<T>;
  const take = iterator[TAKE_AVAILABLE];
  return {
    next: take
      ? (max) => take.call(iterator, max)
      : () => iterator.next().then((step): IteratorResult<readonly T[], undefined> => (step.done ? { done: true, value: undefined } : { done: false, value: [step.value] })),
    return: async () => {
      await iterator.return?.();
    },
  };
}

function pageOf<T>(item: Produced<T>): readonly T[] {
  return Array.isArray(item) ? (item as readonly T[]) : [item as T];
}

/** When `step` settles, without its value: the queue must not hold on to the messages handed out. */
function settled(step: Promise<unknown>): Promise<void> {
  return step.then(
    () => undefined,
    () => undefined,
  );
}

/** Pulls pages from the producer on the consumer's demand, at most `readAhead` pages ahead. */
class PacedIterator<T> implements AsyncIterator<T> {
  private readonly controller = new AbortController();
  private readonly signal: AbortSignal;
  private source: AsyncIterator<Produced<T>> | undefined;
  /** Pages fetched whose first message the consumer has not asked for yet. */
  private readonly ahead: (readonly T[])[] = [];
  /**
   * The page the consumer is in, copied so that each message taken can be let go at once (the
   * producer's array is left as it was): held by the page, a message would live until the page's
   * last one is taken, a whole Bulk page of 10,000 records in the Salesforce plugin.
   */
  private current: (T | undefined)[] = [];
  private index = 0;
  private pulling: Promise<void> | undefined;
  private ended = false;
  private failure: { error: unknown } | undefined;
  private closed = false;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly produce: (signal: AbortSignal) => AsyncIterable<Produced<T>>,
    private readonly readAhead: number,
    lifetime: AbortSignal | undefined,
  ) {
    this.signal = anySignal(lifetime, this.controller.signal);
  }

  next(): Promise<IteratorResult<T>> {
    // Calls are served one at a time, in order, even if the consumer does not await each one.
    const result = this.queue.then(() => this.step());
    this.queue = settled(result);
    return result;
  }

  async return(): Promise<IteratorResult<T>> {
    this.closed = true;
    this.controller.abort();
    await this.pulling?.catch(() => undefined);
    await this.source?.return?.()?.catch(() => undefined);
    return { done: true, value: undefined };
  }

  /** {@link batchIterator}'s step: the messages of the current page the consumer can have now, at most `max`. */
  [TAKE_AVAILABLE](max: number): Promise<IteratorResult<readonly T[], undefined>> {
    const result = this.queue.then(() => this.take(max));
    this.queue = settled(result);
    return result;
  }

  private async step(): Promise<IteratorResult<T>> {
    const taken = await this.take(1);
    return taken.done ? taken : { done: false, value: taken.value[0] as T };
  }

  /** Up to `max` messages, all from the page the consumer is in: a step never moves past a page it did not ask for. */
  private async take(max: number): Promise<IteratorResult<readonly T[], undefined>> {
    for (;;) {
      if (this.closed) return { done: true, value: undefined };
      if (this.index < this.current.length) {
        this.fillAhead();
        const end = Math.min(this.current.length, this.index + Math.max(1, max));
        const value = this.current.slice(this.index, end) as T[];
        this.current.fill(undefined, this.index, end);
        this.index = end;
        return { done: false, value };
      }
      const page = this.ahead.shift();
      if (page) {
        this.current = Array.from(page);
        this.index = 0;
        continue;
      }
      if (this.failure) {
        this.closed = true;
        throw this.failure.error;
      }
      if (this.ended) {
        this.closed = true;
        return { done: true, value: undefined };
      }
      await (this.pulling ?? this.pull());
    }
  }

  /** Starts fetching the next page when fewer than `readAhead` are waiting. */
  private fillAhead(): void {
    if (!this.pulling && !this.ended && !this.failure && this.ahead.length < this.readAhead) void this.pull();
  }

  private pull(): Promise<void> {
    const pulling = (async () => {
      try {
        this.source ??= this.produce(this.signal)[Symbol.asyncIterator]();
        const step = await this.source.next();
        if (step.done) {
          if (this.signal.aborted && !this.closed) throw this.signal.reason;
          this.ended = true;
        } else this.ahead.push(pageOf(step.value));
      } catch (error) {
        this.failure = { error };
      } finally {
        this.pulling = undefined;
      }
    })();
    this.pulling = pulling;
    return pulling.then(() => this.fillAhead());
  }
}

/** Subscribes to a plain Observable on the first `next()` and queues what it pushes. */
class BufferingIterator<T> implements AsyncIterator<T> {
  private readonly values: T[] = [];
  private end: { error?: unknown; failed: boolean } | undefined;
  private wake: (() => void) | undefined;
  private subscription: { unsubscribe(): void } | undefined;

  constructor(private readonly source: Observable<T>) {}

  async next(): Promise<IteratorResult<T>> {
    this.subscription ??= this.source.subscribe({
      next: (value) => this.push(() => this.values.push(value)),
      error: (error: unknown) => this.push(() => (this.end = { error, failed: true })),
      complete: () => this.push(() => (this.end = { failed: false })),
    });
    for (;;) {
      if (this.values.length) return { done: false, value: this.values.shift() as T };
      if (this.end?.failed) throw this.end.error;
      if (this.end) return { done: true, value: undefined };
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  async return(): Promise<IteratorResult<T>> {
    this.subscription?.unsubscribe();
    this.end ??= { failed: false };
    this.values.length = 0;
    return { done: true, value: undefined };
  }

  private push(change: () => unknown): void {
    change();
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
