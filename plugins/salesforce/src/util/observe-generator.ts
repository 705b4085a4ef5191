import { Observable } from 'rxjs';
import { anySignal } from './abortable-delay';

/**
 * An async generator as a cold Observable: the generator starts on subscribe (nothing happens
 * before), each value is handed on as soon as it is produced, and the next one is only asked for
 * after the subscriber took it — so a subscriber that unsubscribes after the first page causes
 * no second page. Unsubscribing (or `lifetime` aborting: dispose, host shutdown) aborts the
 * signal given to the generator, which cancels its request or timer in flight.
 *
 * @example
 * ```ts
 * const messages$ = observeGenerator((signal) => readRecords(deps, req, signal), lifetime);
 * ```
 */
export function observeGenerator<T>(start: (signal: AbortSignal) => AsyncGenerator<T>, lifetime: AbortSignal): Observable<T> {
  return new Observable<T>((subscriber) => {
    const controller = new AbortController();
    const signal = anySignal(lifetime, controller.signal);
    void (async () => {
      try {
        for await (const value of start(signal)) {
          if (subscriber.closed) return;
          subscriber.next(value);
          if (subscriber.closed) return;
        }
        subscriber.complete();
      } catch (err) {
        if (!subscriber.closed) subscriber.error(err);
      }
    })();
    return () => controller.abort();
  });
}
