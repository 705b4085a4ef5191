import { CrmError, CrmRateLimitError, type ChangeRequest, type Checkpoint, type SyncMessage } from '@crm-hub/plugin-sdk';
import { abortableDelay } from '../util/abortable-delay';
import { encodeCheckpoint } from './checkpoint';
import { readRecords, type ReadDeps } from './record-reader';

/**
 * How far before the server's "now" a change stream without a checkpoint starts: stamps have
 * whole seconds and "now" is known from `Date` headers to ±0.5 s, so starting at the second
 * before "now" misses no change made after subscribing (one made in that second just before
 * subscribing may come too).
 */
const START_SLACK_MS = 1_000;

/**
 * Where a change stream starts: the checkpoint when given, else the server's "now" (the SDK's
 * documented default: only changes made after the subscription) — not the safety-lagged "now",
 * which would replay the changes of the last `safetyLagMs` before subscribing. The lag still bounds
 * every poll, so changes are emitted once the lag has passed them. An object without any
 * modification stamp cannot be followed (each poll would re-read it all).
 */
async function startingPoint(deps: ReadDeps, req: ChangeRequest, signal: AbortSignal): Promise<Checkpoint> {
  const model = await deps.describes.model(req.object, signal); // also teaches the server clock
  if (!model.cursorField) {
    throw new CrmError(`${req.object} has no SystemModstamp, LastModifiedDate or CreatedDate: changes() cannot follow it; schedule full reads instead`, {
      code: 'NOT_INCREMENTAL',
    });
  }
  if (req.checkpoint) return req.checkpoint;
  const start = Math.floor((deps.clock.now() - START_SLACK_MS) / 1000) * 1000;
  return encodeCheckpoint({ cursorField: model.cursorField, watermark: { modstamp: new Date(start).toISOString(), id: '' } });
}

/**
 * The messages of `changes()`: a polling change stream on the same watermark as incremental
 * reads. Every `pollIntervalMs` (first poll at once) it reads what changed since the last
 * checkpoint — upserts, deletes inline (`queryAll`), a checkpoint after each page — then waits.
 * Without a checkpoint it starts at the server's "now" (changes from subscription on, see
 * `startingPoint`).
 * Polls never overlap (the wait starts when a poll ends). A retryable failure (outage,
 * throttling) becomes a `status` warning and a later poll tries again (after `retryAfterMs` when
 * throttled); others end the stream. An object without a modification stamp is refused.
 * Unsubscribing aborts the poll in flight and clears the timer.
 *
 * @example
 * ```ts
 * observeGenerator((signal) => pollChanges(deps, { object: 'Contact', fields: ['LastName'] }, signal), lifetime);
 * ```
 */
export async function* pollChanges(deps: ReadDeps, req: ChangeRequest, signal: AbortSignal): AsyncGenerator<SyncMessage> {
  const interval = deps.settings.pollIntervalMs;
  let checkpoint = await startingPoint(deps, req, signal);
  for (;;) {
    try {
      for await (const msg of readRecords(deps, { object: req.object, fields: req.fields, checkpoint, deletes: 'include' }, signal)) {
        if (msg.kind === 'checkpoint') checkpoint = msg.checkpoint;
        yield msg;
      }
    } catch (err) {
      if (signal.aborted || !(err instanceof CrmError) || !err.retryable) throw err;
      const wait = Math.max(interval, err instanceof CrmRateLimitError ? err.retryAfterMs : 0);
      yield {
        kind: 'status',
        level: 'warn',
        code: err.code ?? 'TRANSIENT',
        message: `Polling ${req.object} failed; retrying at the next poll: ${err.message}`,
        retryAt: new Date(Date.now() + wait).toISOString(),
      };
      if (wait > interval) await abortableDelay(wait - interval, signal);
    }
    await abortableDelay(interval, signal);
  }
}
