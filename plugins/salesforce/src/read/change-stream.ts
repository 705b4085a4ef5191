import { CrmError, type ChangeRequest, type Checkpoint, type PollOptions, type Produced, type SyncMessage } from '@crm-hub/plugin-sdk';
import type { ObjectModel } from '../describe/object-model';
import { encodeCheckpoint } from './checkpoint';
import { readRecords, type ReadDeps } from './record-reader';

/**
 * How far before the server's "now" a change stream without a checkpoint starts. The SDK's
 * `ServerClock` never runs ahead of the server and stamps have whole seconds, so the second of
 * its "now" already misses no change made after subscribing; one more second is a margin for a
 * server that rounds stamps up (a change made in that second just before subscribing may come too,
 * which an idempotent sink shrugs off).
 */
const START_SLACK_MS = 1_000;

/** The object's model, or `NOT_INCREMENTAL` when it has no modification stamp (each poll would re-read it all). */
async function followable(deps: ReadDeps, object: string, signal: AbortSignal): Promise<ObjectModel & { cursorField: string }> {
  const model = await deps.describes.model(object, signal); // also teaches the server clock
  if (!model.cursorField) {
    throw new CrmError(`${object} has no SystemModstamp, LastModifiedDate or CreatedDate: changes() cannot follow it; schedule full reads instead`, {
      code: 'NOT_INCREMENTAL',
    });
  }
  return model as ObjectModel & { cursorField: string };
}

/**
 * Where a change stream without a checkpoint starts: the server's "now" (the SDK's documented
 * default: only changes made after the subscription) — not the safety-lagged "now", which would
 * replay the changes of the last `safetyLagMs` before subscribing. The lag still bounds every
 * poll, so changes are emitted once the lag has passed them.
 */
async function startingPoint(deps: ReadDeps, object: string, signal: AbortSignal): Promise<Checkpoint> {
  const model = await followable(deps, object, signal);
  const start = Math.floor((deps.clock.now() - START_SLACK_MS) / 1000) * 1000;
  return encodeCheckpoint({ cursorField: model.cursorField, watermark: { modifiedAt: new Date(start).toISOString(), id: '' } });
}

/** One poll: an incremental read from `checkpoint`, deletes inline (`queryAll`). */
async function* readChanges(deps: ReadDeps, req: ChangeRequest, checkpoint: Checkpoint, signal: AbortSignal): AsyncGenerator<Produced<SyncMessage>> {
  await followable(deps, req.object, signal);
  yield* readRecords(deps, { object: req.object, fields: req.fields, checkpoint, deletes: 'include' }, signal);
}

/**
 * The Salesforce side of the SDK's `pollChanges` loop behind `changes()`: a polling change stream
 * on the same watermark as incremental reads, every `pollIntervalMs` (first poll at once), each
 * poll an incremental read (upserts, deletes inline, a checkpoint after each page). Without a
 * checkpoint it starts at the server's "now" (changes from subscription on). An object without a
 * modification stamp is refused (`NOT_INCREMENTAL`, which ends the stream); retryable failures
 * become `status` warnings and a later poll resumes (the SDK's loop).
 *
 * @example
 * ```ts
 * pacedStream((signal) => pollChanges(changePolling(deps, { object: 'Contact', fields: ['LastName'] }), signal), { lifetime });
 * ```
 */
export function changePolling(deps: ReadDeps, req: ChangeRequest): PollOptions {
  return {
    object: req.object,
    intervalMs: deps.settings.pollIntervalMs,
    ...(req.checkpoint ? { checkpoint: req.checkpoint } : {}),
    start: (signal) => startingPoint(deps, req.object, signal),
    read: (checkpoint, signal) => readChanges(deps, req, checkpoint, signal),
  };
}
