import { createHash } from 'node:crypto';
import { CheckpointExpiredError, decodeWatermark, encodeWatermark, type Checkpoint, type Watermark } from '@crm-hub/plugin-sdk';
import { MODIFIED_ON } from '../metadata/table-info';

/** The checkpoint format this plugin writes; v1 checkpoints (SDK 1.0 builds) are refused as expired. */
export const CHECKPOINT_VERSION = 2;

/**
 * A resume point of a change-tracked table after a complete read: the `@odata.deltaLink` exactly
 * as Dataverse gave it (it holds the `$deltatoken` and the `$select` of the read that made it; no
 * secret), and that field set (see {@link fieldSetOf}).
 */
export interface DeltaCheckpoint {
  v: 2;
  mode: 'delta';
  deltaLink: string;
  fields: string;
}

/**
 * A resume point inside the first (full) read of a change-tracked table: the `@odata.nextLink` of
 * the next page (its `$skiptoken` paging cookie carries the position and the change-tracking
 * version the read started at, so the final delta link still covers changes made meanwhile).
 * `deletesFrom` is the delta link of an earlier tracked read that this one replaces (the field
 * set changed): its deletions are read at the end, so none is lost.
 */
export interface DeltaInitialCheckpoint {
  v: 2;
  mode: 'delta-initial';
  nextLink: string;
  fields: string;
  deletesFrom?: string;
}

/**
 * A resume point of a table read by `(modifiedon, id)` watermark: the SDK's flat watermark
 * entries (`cursorField`, `modifiedAt`, `lastId`; the last two null before the first row) and the
 * field set the rows before it were read with: rows older than the watermark never come again,
 * so a read asking for more fields must start over to give them their values.
 */
export interface WatermarkCheckpoint {
  v: 2;
  mode: 'watermark';
  watermark: Watermark | undefined;
  /** Absent in checkpoints written before field sets were recorded: such a checkpoint covers no field set. */
  fields?: string;
}

/**
 * A table without change tracking nor `modifiedon`: every read is a full read. Inside one, the
 * `@odata.nextLink` of the next page (and the field set and filter it was made with); at its end,
 * nothing (the next read starts over).
 */
export interface FullCheckpoint {
  v: 2;
  mode: 'full';
  nextLink?: string;
  fields?: string;
  filter?: string;
}

/** Every checkpoint this plugin emits: flat, JSON-serialisable, secret-free. */
export type DynamicsCheckpoint = DeltaCheckpoint | DeltaInitialCheckpoint | WatermarkCheckpoint | FullCheckpoint;

/** Above this length a field set is recorded as a hash (checkpoints stay small). */
const MAX_FIELD_LIST = 1000;

/**
 * The field set of a read as a checkpoint records it: its columns' logical names, sorted and
 * comma-joined, or `sha256:<hex>` of that text when it is longer than 1,000 characters.
 *
 * @example
 * ```ts
 * fieldSetOf(['modifiedon', 'contactid', 'jobtitle']); // 'contactid,jobtitle,modifiedon'
 * ```
 */
export function fieldSetOf(names: readonly string[]): string {
  const list = [...new Set(names)].sort().join(',');
  return list.length <= MAX_FIELD_LIST ? list : `sha256:${createHash('sha256').update(list).digest('hex')}`;
}

/**
 * Whether a read of `wanted` can follow a link made for the field set `recorded`: the same set,
 * or (when the recorded set is a list, not a hash) a subset of it (the extra columns are dropped).
 *
 * @example
 * ```ts
 * coversFields('contactid,jobtitle,modifiedon', 'contactid,modifiedon'); // true
 * ```
 */
export function coversFields(recorded: string, wanted: string): boolean {
  if (recorded === wanted) return true;
  if (recorded.startsWith('sha256:') || wanted.startsWith('sha256:')) return false;
  const have = new Set(recorded.split(','));
  return wanted.split(',').every((name) => have.has(name));
}

/** A short fingerprint of a `$filter` text ('' without a filter), for full-read checkpoints. */
export function filterFingerprint(filter: string | undefined): string {
  return filter ? createHash('sha256').update(filter).digest('hex').slice(0, 32) : '';
}

/**
 * Reads a checkpoint the host gives back. One this plugin did not make (or an older format)
 * throws {@link CheckpointExpiredError}, so the host falls back to a full read.
 *
 * @example
 * ```ts
 * parseCheckpoint({ v: 2, mode: 'watermark', cursorField: 'modifiedon', modifiedAt: '2026-01-01T10:00:00.000Z', lastId: '…' });
 * ```
 */
export function parseCheckpoint(checkpoint: Checkpoint): DynamicsCheckpoint {
  const { v, mode } = checkpoint;
  const text = (key: string): string | undefined => (typeof checkpoint[key] === 'string' && checkpoint[key] !== '' ? (checkpoint[key] as string) : undefined);
  if (v === CHECKPOINT_VERSION) {
    const fields = text('fields');
    if (mode === 'delta' && text('deltaLink') && fields) return { v, mode, deltaLink: text('deltaLink') as string, fields };
    if (mode === 'delta-initial' && text('nextLink') && fields) {
      const deletesFrom = text('deletesFrom');
      return { v, mode, nextLink: text('nextLink') as string, fields, ...(deletesFrom ? { deletesFrom } : {}) };
    }
    if (mode === 'watermark') return { v, mode, watermark: decodeWatermark(checkpoint, MODIFIED_ON), ...(fields ? { fields } : {}) };
    if (mode === 'full') {
      const nextLink = text('nextLink');
      if (!nextLink) return { v, mode };
      if (fields) return { v, mode, nextLink, fields, filter: text('filter') ?? '' };
    }
  }
  throw new CheckpointExpiredError('The checkpoint was not made by this version of the Dynamics plugin; a full read is needed', {
    code: 'INVALID_CHECKPOINT',
  });
}

/**
 * The flat {@link Checkpoint} of a plugin checkpoint.
 *
 * @example
 * ```ts
 * toCheckpoint({ v: 2, mode: 'delta', deltaLink, fields: 'contactid,modifiedon' });
 * ```
 */
export function toCheckpoint(checkpoint: DynamicsCheckpoint): Checkpoint {
  if (checkpoint.mode === 'watermark') {
    return { v: checkpoint.v, mode: checkpoint.mode, ...encodeWatermark(MODIFIED_ON, checkpoint.watermark), ...(checkpoint.fields ? { fields: checkpoint.fields } : {}) };
  }
  const flat: Checkpoint = {};
  for (const [key, value] of Object.entries(checkpoint)) if (value !== undefined) flat[key] = value as string | number;
  return flat;
}
