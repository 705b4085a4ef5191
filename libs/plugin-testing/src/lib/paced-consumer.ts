import { isPaced, toAsyncIterable, type SyncMessage } from '@crm-hub/plugin-sdk';
import { isObservable, type Observable } from 'rxjs';
import { ConformanceError, describeError, fail } from './conformance-error';
import type { RuleSession } from './rule-session';

/**
 * Consumes a plugin's stream one message at a time (`toAsyncIterable`, one `next()` at a time: the
 * hub's `batchIterator` takes a fetched page at once and fetches no earlier), so a rule can pause
 * between messages, resume and break off. Every message taken is checked by the
 * session (well-formed, no secret); a failure or a stall becomes a `ConformanceError` naming `what`.
 *
 * @example
 * ```ts
 * const reader = new PacedConsumer(session, 'a slow read', connector.read(req));
 * await reader.take((msg) => msg.kind === 'checkpoint'); // the first page
 * await sleep(1_000);                                     // the consumer is busy
 * await reader.take();                                    // the rest, to the end
 * ```
 */
export class PacedConsumer {
  /** Every message taken so far, in order. */
  readonly messages: SyncMessage[] = [];
  /** True once the stream has ended (completed, failed or stopped). */
  done = false;
  /** Whether the plugin returned a stream the consumer can pace (an `AsyncIterable`, e.g. made by `pacedStream`). */
  readonly paced: boolean;
  private readonly iterator: AsyncIterator<SyncMessage>;

  constructor(
    private readonly session: RuleSession,
    private readonly what: string,
    stream: Observable<SyncMessage> | AsyncIterable<SyncMessage>,
  ) {
    if (!isObservable(stream) && !isPaced(stream)) {
      fail(`${what}: read() returned ${stream === null ? 'null' : typeof stream}, not an Observable (build it with pacedStream)`);
    }
    this.paced = isPaced(stream);
    this.iterator = toAsyncIterable(stream)[Symbol.asyncIterator]();
  }

  /**
   * Takes messages until `until` matches (that message included) or the stream ends; returns
   * those taken by this call. The whole call is limited to the session's `timeoutMs`.
   */
  async take(until?: (msg: SyncMessage, taken: readonly SyncMessage[]) => boolean): Promise<SyncMessage[]> {
    const taken: SyncMessage[] = [];
    const { timeoutMs, object } = this.session.options;
    const deadline = Date.now() + timeoutMs;
    while (!this.done) {
      const step = await this.next(deadline);
      if (step.done) {
        this.done = true;
        break;
      }
      taken.push(step.value);
      this.messages.push(step.value);
      this.session.inspect(this.what, object, [step.value], this.messages.length - 1);
      if (until?.(step.value, taken)) break;
    }
    return taken;
  }

  /** Breaks off as `for await … break` does (`iterator.return()`), within the session's `timeoutMs`. */
  async stop(): Promise<void> {
    this.done = true;
    await this.session.call(`return() of the iterator of ${this.what} (a consumer breaking out of for await)`, () =>
      this.iterator.return?.(),
    );
  }

  private async next(deadline: number): Promise<IteratorResult<SyncMessage>> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now()));
    });
    try {
      const step = await Promise.race([this.iterator.next(), timeout]);
      if (step === 'timeout') {
        await this.stop().catch(() => undefined);
        fail(`${this.what} neither ended nor gave a message within ${this.session.options.timeoutMs} ms (${this.messages.length} taken)`);
      }
      return step;
    } catch (err) {
      if (err instanceof ConformanceError) throw err;
      this.done = true;
      this.session.scanner.scan(`the error of ${this.what}`, err);
      fail(`${this.what} failed with ${describeError(err)}`, err);
    } finally {
      clearTimeout(timer);
    }
  }
}
