import { CheckpointExpiredError, toIsoDateTime, type Checkpoint } from '@crm-hub/plugin-sdk';
import type { Watermark } from '../soql/watermark';

/** Version of the checkpoint layout, so a future layout can still read today's checkpoints. */
const VERSION = 1;

/**
 * What a read resumes from: the cursor field it ran on and the last `(cursor, Id)` it covered
 * (absent: from the beginning), plus how far getDeleted windows have been read.
 *
 * @example
 * ```ts
 * const state: ReadState = { cursorField: 'SystemModstamp', watermark: { modstamp: '2026-03-01T10:00:00.000Z', id: '003A' } };
 * ```
 */
export interface ReadState {
  cursorField: string | undefined;
  watermark?: Watermark;
  /** The end of the last getDeleted window read (ISO). */
  deletedThrough?: string;
}

/**
 * A read state as a flat checkpoint (strings and numbers only; no secret ever goes in):
 * `{ v: 1, cursorField: 'SystemModstamp', modstamp: '…Z', lastId: '003…', deletedThrough?: '…Z' }`.
 * Checkpoints are per object and per kind of read: one made by a `deletes: 'only'` read covers
 * deleted rows only.
 *
 * @example
 * ```ts
 * encodeCheckpoint({ cursorField: 'SystemModstamp', watermark: { modstamp: t, id: '003A' } });
 * // { v: 1, cursorField: 'SystemModstamp', modstamp: t, lastId: '003A' }
 * ```
 */
export function encodeCheckpoint(state: ReadState): Checkpoint {
  return {
    v: VERSION,
    cursorField: state.cursorField ?? null,
    modstamp: state.watermark?.modstamp ?? null,
    lastId: state.watermark?.id ?? null,
    ...(state.deletedThrough ? { deletedThrough: state.deletedThrough } : {}),
  };
}

function expired(why: string): CheckpointExpiredError {
  return new CheckpointExpiredError(`The checkpoint cannot be resumed from: ${why}; a full read is needed`, { code: 'INVALID_CHECKPOINT' });
}

/**
 * Reads a checkpoint made by {@link encodeCheckpoint}. One that is not ours, or was made on
 * another cursor field (the object gained `SystemModstamp`, say), is a `CheckpointExpiredError`,
 * so the host falls back to a full read instead of guessing.
 *
 * @example
 * ```ts
 * decodeCheckpoint(checkpoint, 'SystemModstamp')?.watermark; // { modstamp: '…', id: '003A' }
 * ```
 */
export function decodeCheckpoint(checkpoint: Checkpoint | undefined, cursorField: string | undefined): ReadState | undefined {
  if (checkpoint === undefined) return undefined;
  if (checkpoint['v'] !== VERSION) throw expired('it was not made by this plugin (or by an incompatible version)');
  const field = checkpoint['cursorField'] ?? undefined;
  if (field !== cursorField) {
    throw expired(`it was made on cursor field ${String(field)}, the object now reads on ${String(cursorField)}`);
  }
  const state: ReadState = { cursorField };
  const modstamp = checkpoint['modstamp'];
  const lastId = checkpoint['lastId'];
  if (typeof modstamp === 'string') {
    if (typeof lastId !== 'string') throw expired('it has a modstamp without a lastId');
    try {
      state.watermark = { modstamp: toIsoDateTime(modstamp), id: lastId };
    } catch {
      throw expired('its modstamp is not a datetime');
    }
  }
  if (typeof checkpoint['deletedThrough'] === 'string') state.deletedThrough = checkpoint['deletedThrough'];
  return state;
}
