import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { lastValueFrom, Observable, take, toArray } from 'rxjs';
import { abortableDelay } from './abort';
import { batchIterator, isPaced, MAX_READ_AHEAD_PAGES, pacedStream, toAsyncIterable, type Produced } from './paced-stream';

/** A full garbage collection, on demand (the flag exposes `gc` to contexts created after it). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** A producer of `pages` pages of `size` numbers that counts the pages it fetched. */
function pagedSource(pages: number, size: number, fetchMs = 1) {
  const stats = { fetched: 0, aborted: false, started: 0 };
  async function* produce(signal: AbortSignal): AsyncGenerator<Produced<number>> {
    stats.started++;
    signal.addEventListener('abort', () => (stats.aborted = true));
    for (let p = 0; p < pages; p++) {
      await abortableDelay(fetchMs, signal);
      stats.fetched++;
      yield Array.from({ length: size }, (_, i) => p * size + i);
    }
  }
  return { produce, stats };
}

describe(pacedStream.name, () => {
  it('holds the producer to a bounded number of pages ahead of a slow consumer', async () => {
    const { produce, stats } = pagedSource(50, 100);
    const stream = pacedStream(produce, { readAhead: 1 });
    let consumed = 0;
    let worstAhead = 0;
    for await (const value of stream) {
      consumed++;
      if (value % 100 === 0) await abortableDelay(5); // a slow database write per page
      const pagesStarted = Math.ceil(consumed / 100);
      worstAhead = Math.max(worstAhead, stats.fetched - pagesStarted);
      if (consumed === 500) break;
    }
    expect(worstAhead).toBeLessThanOrEqual(1);
    expect(stats.fetched).toBeLessThanOrEqual(6);
    expect(stats.aborted).toBe(true);
  });

  it('fetches nothing before the first next(), and only on demand with readAhead 0', async () => {
    const { produce, stats } = pagedSource(10, 2);
    const stream = pacedStream(produce, { readAhead: 0 });
    const iterator = stream[Symbol.asyncIterator]();
    await abortableDelay(10);
    expect(stats.started).toBe(0);
    await iterator.next();
    await abortableDelay(20);
    expect(stats.fetched).toBe(1);
    await iterator.next();
    await iterator.next();
    await abortableDelay(20);
    expect(stats.fetched).toBe(2);
    await iterator.return?.();
  });

  it(`clamps readAhead to ${MAX_READ_AHEAD_PAGES} pages`, async () => {
    const { produce, stats } = pagedSource(20, 1);
    const iterator = pacedStream(produce, { readAhead: 10 })[Symbol.asyncIterator]();
    await iterator.next();
    await abortableDelay(50);
    expect(stats.fetched).toBe(1 + MAX_READ_AHEAD_PAGES);
    await iterator.return?.();
  });

  it('delivers every message in order to an iterating consumer, then completes', async () => {
    const { produce } = pagedSource(7, 3);
    const seen: number[] = [];
    for await (const value of pacedStream(produce)) seen.push(value);
    expect(seen).toEqual(Array.from({ length: 21 }, (_, i) => i));
  });

  it('pushes every message to a subscriber (contract 1), and stops fetching on unsubscribe', async () => {
    const { produce, stats } = pagedSource(5, 2);
    expect(await lastValueFrom(pacedStream(produce).pipe(toArray()))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const second = pagedSource(100, 2, 2);
    await lastValueFrom(pacedStream(second.produce).pipe(take(3)));
    await abortableDelay(20);
    expect(second.stats.fetched).toBeLessThanOrEqual(3);
    expect(second.stats.aborted).toBe(true);
    expect(stats.started).toBe(1);
  });

  it('delivers the pages it has before the error that followed them', async () => {
    async function* produce(): AsyncGenerator<Produced<number>> {
      yield [1, 2];
      yield [3];
      throw new Error('CRM gone');
    }
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const value of pacedStream(produce, { readAhead: 2 })) seen.push(value);
      })(),
    ).rejects.toThrow('CRM gone');
    expect(seen).toEqual([1, 2, 3]);
  });

  it('fails, never completes, when the connector is disposed mid-read', async () => {
    const lifetime = new AbortController();
    async function* produce(signal: AbortSignal): AsyncGenerator<Produced<number>> {
      for (let i = 0; ; i++) {
        if (signal.aborted) return; // a producer that just stops when aborted
        yield i;
        await abortableDelay(1, signal).catch(() => undefined);
      }
    }
    const seen: number[] = [];
    const iterating = (async () => {
      for await (const value of pacedStream(produce, { lifetime: lifetime.signal })) {
        seen.push(value);
        if (value === 3) lifetime.abort(new Error('disposed'));
      }
    })();
    await expect(iterating).rejects.toThrow('disposed');
    const subscribed = lastValueFrom(pacedStream(produce, { lifetime: lifetime.signal }).pipe(toArray()));
    await expect(subscribed).rejects.toThrow('disposed');
  });
});

describe(toAsyncIterable.name, () => {
  it('iterates a paced stream on demand', () => {
    const stream = pacedStream(pagedSource(1, 1).produce);
    expect(isPaced(stream)).toBe(true);
    expect(toAsyncIterable(stream)).toBe(stream);
  });

  it('adapts a plain Observable (a contract-1 plugin): every value, in order, buffered, and unsubscribed on break', async () => {
    let unsubscribed = false;
    let pushed = 0;
    const plain = new Observable<number>((subscriber) => {
      for (let i = 0; i < 100; i++) {
        pushed++;
        subscriber.next(i);
      }
      const timer = setTimeout(() => subscriber.complete(), 5);
      return () => {
        unsubscribed = true;
        clearTimeout(timer);
      };
    });
    expect(isPaced(plain)).toBe(false);
    const seen: number[] = [];
    for await (const value of toAsyncIterable(plain)) seen.push(value);
    expect(seen).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(pushed).toBe(100); // unpaced: it pushed everything at once
    for await (const value of toAsyncIterable(plain)) if (value === 1) break;
    expect(unsubscribed).toBe(true);
  });

  it('passes a plain Observable’s error on after its values', async () => {
    const failing = new Observable<number>((subscriber) => {
      subscriber.next(1);
      subscriber.error(new Error('boom'));
    });
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const value of toAsyncIterable(failing)) seen.push(value);
      })(),
    ).rejects.toThrow('boom');
    expect(seen).toEqual([1]);
  });
});

describe(batchIterator.name, () => {
  /** Every step of a bulk iteration, as arrays. */
  async function steps<T>(iterator: ReturnType<typeof batchIterator<T>>, max: number): Promise<(readonly T[])[]> {
    const out: (readonly T[])[] = [];
    for (let step = await iterator.next(max); !step.done; step = await iterator.next(max)) out.push(step.value);
    return out;
  }

  /** The first message of a one-at-a-time step, with no other reference to it kept. */
  async function firstMessage<T extends object>(iterator: ReturnType<typeof batchIterator<T>>): Promise<T> {
    const step = await iterator.next(1);
    if (step.done) throw new Error('the stream ended early');
    return step.value[0] as T;
  }

  it('takes the rest of a fetched page in one step, never more than asked and never past the page', async () => {
    const { produce } = pagedSource(3, 5);
    expect(await steps(batchIterator(pacedStream(produce)), 3)).toEqual([[0, 1, 2], [3, 4], [5, 6, 7], [8, 9], [10, 11, 12], [13, 14]]);
  });

  it('lets go of each message once it is taken, while the rest of its page waits', async () => {
    async function* produce(): AsyncGenerator<Produced<{ n: number }>> {
      yield Array.from({ length: 4 }, (_, n) => ({ n }));
    }
    const iterator = batchIterator(pacedStream(produce));
    const taken = new WeakRef(await firstMessage(iterator));
    await new Promise((done) => setImmediate(done)); // a WeakRef holds its target until the current job ends
    collectGarbage();
    expect(taken.deref()).toBeUndefined();
    expect(await steps(iterator, 10)).toEqual([[{ n: 1 }, { n: 2 }, { n: 3 }]]);
  });

  it('leaves the pages the producer yielded as they were (it may freeze or keep them)', async () => {
    const pages = [Object.freeze([{ n: 1 }, { n: 2 }, { n: 3 }]), [{ n: 4 }]];
    async function* produce(): AsyncGenerator<Produced<{ n: number }>> {
      yield* pages;
    }
    expect(await steps(batchIterator(pacedStream(produce)), 2)).toEqual([[{ n: 1 }, { n: 2 }], [{ n: 3 }], [{ n: 4 }]]);
    expect(pages).toEqual([[{ n: 1 }, { n: 2 }, { n: 3 }], [{ n: 4 }]]);
  });

  it('keeps the pacing of a message-at-a-time consumer: a step fetches at most readAhead pages ahead of the page it is in', async () => {
    const { produce, stats } = pagedSource(50, 100);
    const iterator = batchIterator(pacedStream(produce, { readAhead: 1 }));
    for (let page = 1; page <= 5; page++) {
      const step = await iterator.next(1_000);
      expect(step.done ? [] : step.value).toHaveLength(100);
      await abortableDelay(15); // a slow database write of the page: the producer would run ahead now if it could
      expect(stats.fetched).toBeLessThanOrEqual(page + 1);
    }
    await iterator.return();
    expect(stats.aborted).toBe(true);
  });

  it('serves bulk steps and single messages of one iterator in order', async () => {
    const { produce } = pagedSource(2, 4);
    const stream = pacedStream(produce);
    const single = stream[Symbol.asyncIterator]();
    const first = await single.next();
    expect(first.value).toBe(0);
    // the same iterator, handed over by another iterable, keeps its bulk steps (they hang on a registered symbol)
    const bulk = batchIterator({ [Symbol.asyncIterator]: () => single });
    expect(await steps(bulk, 100)).toEqual([[1, 2, 3], [4, 5, 6, 7]]);
  });

  it('passes a failure on after the messages before it', async () => {
    async function* produce(): AsyncGenerator<Produced<number>> {
      yield [1, 2];
      throw new Error('CRM gone');
    }
    const iterator = batchIterator(pacedStream(produce));
    expect(await iterator.next(10)).toEqual({ done: false, value: [1, 2] });
    await expect(iterator.next(10)).rejects.toThrow('CRM gone');
  });

  it('takes a plain Observable (a contract-1 plugin) one message per step', async () => {
    const plain = new Observable<number>((subscriber) => {
      subscriber.next(1);
      subscriber.next(2);
      subscriber.complete();
    });
    expect(await steps(batchIterator(plain), 10)).toEqual([[1], [2]]);
  });
});
