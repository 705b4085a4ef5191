import { CrmError, CrmRateLimitError } from '../errors';
import type { Checkpoint, SyncMessage } from '../messages';
import { abortableDelay } from './abort';
import type { Produced } from './paced-stream';

/**
 * What {@link pollChanges} needs from a connector.
 *
 * @example
 * ```ts
 * const options: PollOptions = {
 *   object: 'Contact',
 *   intervalMs: 60_000,
 *   start: async () => checkpointAtServerNow(),
 *   read: (checkpoint, signal) => readIncrementally({ object: 'Contact', fields, checkpoint }, signal),
 * };
 * ```
 */
export interface PollOptions {
  /** The object followed (named in status messages). */
  object: string;
  /** Pause between the end of one poll and the start of the next. */
  intervalMs: number;
  /** Where to start: the request's checkpoint; absent → `start()`. */
  checkpoint?: Checkpoint;
  /**
   * The starting point of a stream without a checkpoint: the SDK's documented default is "from
   * now on" (only changes made after the subscription), e.g. a watermark at the CRM's "now", or
   * the delta link of a read whose rows are not emitted.
   */
  start(signal: AbortSignal): Promise<Checkpoint>;
  /** One incremental read from `checkpoint`: its messages (pages), with checkpoints. */
  read(checkpoint: Checkpoint, signal: AbortSignal): AsyncIterable<Produced<SyncMessage>>;
}

/**
 * The loop behind a polling `changes()`: reads what changed since the last checkpoint, passes
 * its messages on, waits `intervalMs`, and again, until unsubscribed. Polls never overlap (the
 * wait starts when a poll ends). A retryable failure (`CrmTransientError`, `CrmRateLimitError`)
 * becomes a `status` warning with `retryAt`, and a later poll resumes from the last checkpoint
 * (after `retryAfterMs` when throttled); any other error ends the stream. Wrap it with
 * `pacedStream` so the consumer paces it too.
 *
 * @example
 * ```ts
 * changes(req: ChangeRequest): Observable<SyncMessage> {
 *   return pacedStream((signal) => pollChanges({ ...options, checkpoint: req.checkpoint }, signal), { lifetime });
 * }
 * ```
 */
export async function* pollChanges(options: PollOptions, signal: AbortSignal): AsyncGenerator<Produced<SyncMessage>> {
  let checkpoint = options.checkpoint ?? (await options.start(signal));
  for (;;) {
    let wait = options.intervalMs;
    try {
      for await (const item of options.read(checkpoint, signal)) {
        const page: readonly SyncMessage[] = Array.isArray(item) ? item : [item as SyncMessage];
        for (const msg of page) if (msg.kind === 'checkpoint') checkpoint = msg.checkpoint;
        yield item;
      }
    } catch (error) {
      if (signal.aborted || !(error instanceof CrmError) || !error.retryable) throw error;
      if (error instanceof CrmRateLimitError) wait = Math.max(wait, error.retryAfterMs);
      yield {
        kind: 'status',
        level: 'warn',
        code: error.code ?? 'POLL_FAILED',
        message: `Polling ${options.object} failed; the next poll resumes from the last checkpoint: ${error.message}`,
        retryAt: new Date(Date.now() + wait).toISOString(),
      };
    }
    await abortableDelay(wait, signal);
  }
}
