import { Observable } from 'rxjs';
import type { SyncMessage } from '@crm-hub/plugin-sdk';

/**
 * Hands messages to the subscriber; answers `false` once nobody listens any more (the producer
 * must then stop: no further request, no timer).
 */
export type Emit = (message: SyncMessage) => boolean;

/**
 * A cold Observable around an async producer: nothing runs before subscribe; each subscription
 * gets its own AbortController, aborted on unsubscribe (cancelling in-flight requests and timers)
 * and when `scope` aborts (the connector is disposed or the host shuts down). The producer emits
 * synchronously, so a consumer that unsubscribes on a message stops the next page from being
 * fetched.
 *
 * @example
 * ```ts
 * return messageStream(this.scope, async (emit, signal) => {
 *   for (const page of pages) if (!emit(page)) return;
 * });
 * ```
 */
export function messageStream(
  scope: AbortSignal,
  produce: (emit: Emit, signal: AbortSignal) => Promise<void>,
): Observable<SyncMessage> {
  return new Observable<SyncMessage>((subscriber) => {
    const controller = new AbortController();
    const stop = (): void => controller.abort(scope.reason);
    if (scope.aborted) stop();
    else scope.addEventListener('abort', stop, { once: true });
    const emit: Emit = (message) => {
      if (subscriber.closed || controller.signal.aborted) return false;
      subscriber.next(message);
      return !subscriber.closed && !controller.signal.aborted;
    };
    produce(emit, controller.signal).then(
      () => subscriber.complete(),
      (error: unknown) => {
        // Errors caused by our own cancellation are not news to anyone.
        if (!controller.signal.aborted) subscriber.error(error);
        else subscriber.complete();
      },
    );
    return () => {
      scope.removeEventListener('abort', stop);
      controller.abort();
    };
  });
}
