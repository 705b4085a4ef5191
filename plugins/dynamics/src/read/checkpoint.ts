import { CheckpointExpiredError, type Checkpoint } from '@crm-hub/plugin-sdk';

/**
 * A resume point of a change-tracked table: the `@odata.deltaLink` exactly as Dataverse gave it
 * (it holds the `$deltatoken` and the defining query; no secret).
 */
export interface DeltaCheckpoint {
  v: 1;
  mode: 'delta';
  deltaLink: string;
}

/**
 * A resume point of a table read by watermark: the `(modifiedon, id)` of the last row emitted
 * (both null before the first row). Resuming reads rows strictly after that tuple.
 */
export interface WatermarkCheckpoint {
  v: 1;
  mode: 'watermark';
  modifiedOn: string | null;
  id: string | null;
}

/** A table without change tracking nor `modifiedon`: every read is a full read. */
export interface FullCheckpoint {
  v: 1;
  mode: 'full';
}

/** Every checkpoint this plugin emits: flat, JSON-serialisable, secret-free. */
export type DynamicsCheckpoint = DeltaCheckpoint | WatermarkCheckpoint | FullCheckpoint;

/**
 * Reads a checkpoint the host gives back. One this plugin did not make (or an older format)
 * throws {@link CheckpointExpiredError}, so the host falls back to a full read.
 *
 * @example
 * ```ts
 * parseCheckpoint({ v: 1, mode: 'watermark', modifiedOn: '2026-01-01T10:00:00.000Z', id: '…' });
 * ```
 */
export function parseCheckpoint(checkpoint: Checkpoint): DynamicsCheckpoint {
  const { v, mode } = checkpoint;
  if (v === 1 && mode === 'delta' && typeof checkpoint['deltaLink'] === 'string' && checkpoint['deltaLink'] !== '') {
    return { v, mode, deltaLink: checkpoint['deltaLink'] };
  }
  if (v === 1 && mode === 'watermark') {
    const modifiedOn = checkpoint['modifiedOn'];
    const id = checkpoint['id'];
    if ((modifiedOn === null || typeof modifiedOn === 'string') && (id === null || typeof id === 'string')) {
      return { v, mode, modifiedOn, id };
    }
  }
  if (v === 1 && mode === 'full') return { v, mode };
  throw new CheckpointExpiredError('The checkpoint was not made by this version of the Dynamics plugin; a full read is needed');
}

/**
 * The flat {@link Checkpoint} of a plugin checkpoint.
 *
 * @example
 * ```ts
 * toCheckpoint({ v: 1, mode: 'delta', deltaLink }); // { v: 1, mode: 'delta', deltaLink }
 * ```
 */
export function toCheckpoint(checkpoint: DynamicsCheckpoint): Checkpoint {
  return { ...checkpoint };
}
