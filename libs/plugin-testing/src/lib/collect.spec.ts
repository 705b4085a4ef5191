import { Observable, of, throwError, timer } from 'rxjs';
import { ConformanceError } from './conformance-error';
import { collect, nextClockTick } from './collect';

describe(collect.name, () => {
  it('collects until completion', async () => {
    await expect(collect(of(1, 2, 3))).resolves.toEqual([1, 2, 3]);
  });

  it('stops at the first value matching until, unsubscribing (also from a synchronous source)', async () => {
    let tornDown = false;
    const source = new Observable<number>((out) => {
      for (let i = 1; i <= 5 && !out.closed; i++) out.next(i);
      return () => (tornDown = true);
    });
    await expect(collect(source, { until: (n) => n === 2 })).resolves.toEqual([1, 2]);
    expect(tornDown).toBe(true);
  });

  it('rejects with the error of the source', async () => {
    await expect(collect(throwError(() => new Error('boom')))).rejects.toThrow('boom');
  });

  it('rejects with a ConformanceError on timeout, or resolves with what came when asked to', async () => {
    const slow = timer(1000);
    await expect(collect(slow, { timeoutMs: 20 })).rejects.toBeInstanceOf(ConformanceError);
    await expect(collect(slow, { timeoutMs: 20, onTimeout: 'resolve' })).resolves.toEqual([]);
  });

  it('refuses what is not an Observable', async () => {
    await expect(collect(Promise.resolve(1) as never)).rejects.toThrow(/expected an rxjs Observable, got object/);
  });
});

describe(nextClockTick.name, () => {
  it('returns the next multiple of the resolution, once the clock has passed it', async () => {
    const before = Date.now();
    const tick = await nextClockTick(50);
    const at = Date.parse(tick);
    expect(at % 50).toBe(0);
    expect(at).toBeGreaterThan(before);
    expect(Date.now()).toBeGreaterThanOrEqual(at);
  });
});
