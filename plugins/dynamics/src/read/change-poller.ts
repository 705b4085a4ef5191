import { setTimeout as delay } from 'node:timers/promises';
import { CrmError, type Checkpoint, type ReadRequest, type SyncMessage } from '@crm-hub/plugin-sdk';
import type { Emit } from './message-stream';

/** Runs one incremental read and returns when it is done (the table reader). */
export type IncrementalRead = (req: ReadRequest, emit: Emit, signal: AbortSignal) => Promise<void>;

/**
 * The loop behind `changes()`: cold polling of the delta link (change-tracked tables) or the
 * watermark, every `pollIntervalMs`. Each poll is an incremental read from the last checkpoint it
 * emitted, passing its messages (and checkpoints) through; without a starting checkpoint the
 * first poll establishes the position silently (a read whose rows are not emitted), so the stream
 * carries changes from subscription on. A poll failing with a retryable error (the Web API
 * client already retried it) becomes a `poll-failed` status and the next poll tries again;
 * anything else (credentials refused, an expired checkpoint) ends the stream with that error.
 * Unsubscribing aborts `signal`, which cancels the in-flight request and the timer.
 *
 * @example
 * ```ts
 * await pollChanges(read, { object: 'contact', fields: [] }, checkpoint, 60_000, emit, signal);
 * ```
 */
export async function pollChanges(
  read: IncrementalRead,
  base: ReadRequest,
  start: Checkpoint | undefined,
  pollIntervalMs: number,
  emit: Emit,
  signal: AbortSignal,
): Promise<void> {
  let checkpoint = start;
  if (!checkpoint) {
    // Establish the current position without emitting the table's rows.
    await read({ ...base, fields: [] }, remember, signal);
    if (!checkpoint) return;
  }
  while (!signal.aborted) {
    try {
      await read({ ...base, checkpoint }, forward, signal);
    } catch (error) {
      if (signal.aborted) return;
      if (!(error instanceof CrmError) || !error.retryable) throw error;
      const told = emit({ kind: 'status', level: 'warn', code: 'poll-failed', message: `Polling ${base.object} failed: ${error.message}` });
      if (!told) return;
    }
    if (signal.aborted) return;
    await delay(pollIntervalMs, undefined, { signal });
  }

  function remember(message: SyncMessage): boolean {
    if (message.kind === 'checkpoint') checkpoint = message.checkpoint;
    return !signal.aborted;
  }

  function forward(message: SyncMessage): boolean {
    if (message.kind === 'checkpoint') checkpoint = message.checkpoint;
    return emit(message);
  }
}
