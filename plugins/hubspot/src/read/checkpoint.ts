import { CheckpointExpiredError, decodeWatermark, encodeWatermark, toIsoDateTime, type Checkpoint, type Watermark } from '@crm-hub/plugin-sdk';
import { fingerprint } from '../http/request-gate';

/** The checkpoint format this plugin writes. */
export const CHECKPOINT_VERSION = 1;

/**
 * Where a read of one object stands:
 *
 * - `watermark`: the `(modified, id)` position of the records read (the SDK's flat entries);
 *   `id: ''` means "nothing at that stamp read yet";
 * - `deletedAt`: archivals up to this instant are reported (exclusive lower bound of the next
 *   scan of archived records); `null`: none reported yet;
 * - `deletesUntil`/`deletesAfter`/`deletesLatest`: inside a scan of archived records, its upper
 *   bound (none without a safety lag), the list cursor of the next page, and the latest archival
 *   emitted so far (what `deletedAt` becomes at the end when there is no upper bound);
 * - `fields`: the field set the records before the watermark were read with.
 */
export interface HubSpotCheckpoint {
  watermark: Watermark | undefined;
  cursorField: string;
  deletedAt: string | null;
  deletesUntil?: string;
  deletesAfter?: string;
  deletesLatest?: string;
  fields: string;
}

/** Above this length a field set is recorded as a fingerprint (checkpoints stay small). */
const MAX_FIELD_LIST = 1000;

/**
 * The field set of a read as a checkpoint records it: names sorted and comma-joined, or
 * `fnv:<hash>` of that text when longer than 1,000 characters.
 *
 * @example
 * ```ts
 * fieldSetOf(['name', 'hs_object_id']); // 'hs_object_id,name'
 * ```
 */
export function fieldSetOf(names: readonly string[]): string {
  const list = [...new Set(names)].sort().join(',');
  return list.length <= MAX_FIELD_LIST ? list : `fnv:${fingerprint(list)}:${list.length}`;
}

/**
 * Whether records read with `recorded` carry every field of `wanted`.
 *
 * @example
 * ```ts
 * coversFields('a,b,c', 'a,c'); // true
 * ```
 */
export function coversFields(recorded: string, wanted: string): boolean {
  if (recorded === wanted) return true;
  if (recorded.startsWith('fnv:') || wanted.startsWith('fnv:')) return false;
  const have = new Set(recorded.split(','));
  return wanted.split(',').every((name) => have.has(name));
}

/**
 * Reads a checkpoint the host gives back; one this plugin did not make (or another version,
 * or another cursor field) throws {@link CheckpointExpiredError}, so the host reads everything.
 *
 * @example
 * ```ts
 * parseCheckpoint(saved, 'hs_lastmodifieddate');
 * ```
 */
export function parseCheckpoint(checkpoint: Checkpoint, cursorField: string): HubSpotCheckpoint {
  if (checkpoint['v'] !== CHECKPOINT_VERSION || typeof checkpoint['fields'] !== 'string') {
    throw new CheckpointExpiredError('The checkpoint was not made by this version of the HubSpot plugin; a full read is needed', { code: 'INVALID_CHECKPOINT' });
  }
  const text = (key: string): string | undefined => (typeof checkpoint[key] === 'string' && checkpoint[key] !== '' ? (checkpoint[key] as string) : undefined);
  const instant = (key: string): string | undefined => {
    const value = text(key);
    if (value === undefined) return undefined;
    try {
      return toIsoDateTime(value);
    } catch {
      throw new CheckpointExpiredError(`The checkpoint's ${key} is not an instant; a full read is needed`, { code: 'INVALID_CHECKPOINT' });
    }
  };
  const deletesUntil = instant('deletesUntil');
  const deletesAfter = text('deletesAfter');
  const deletesLatest = instant('deletesLatest');
  return {
    watermark: decodeWatermark(checkpoint, cursorField),
    cursorField,
    deletedAt: instant('deletedAt') ?? null,
    ...(deletesUntil ? { deletesUntil } : {}),
    ...(deletesAfter ? { deletesAfter } : {}),
    ...(deletesLatest ? { deletesLatest } : {}),
    fields: checkpoint['fields'],
  };
}

/**
 * The flat {@link Checkpoint} of a position.
 *
 * @example
 * ```ts
 * toCheckpoint({ watermark, cursorField: 'hs_lastmodifieddate', deletedAt: null, fields: 'hs_object_id,name' });
 * ```
 */
export function toCheckpoint(c: HubSpotCheckpoint): Checkpoint {
  return {
    v: CHECKPOINT_VERSION,
    ...encodeWatermark(c.cursorField, c.watermark),
    deletedAt: c.deletedAt,
    ...(c.deletesUntil ? { deletesUntil: c.deletesUntil } : {}),
    ...(c.deletesAfter ? { deletesAfter: c.deletesAfter } : {}),
    ...(c.deletesLatest ? { deletesLatest: c.deletesLatest } : {}),
    fields: c.fields,
  };
}

/**
 * HubSpot's ids are numbers sent as text: they order as numbers (`9999` before `10000`).
 *
 * @example
 * ```ts
 * compareIds('9999', '10000'); // < 0
 * ```
 */
export function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return -1;
  if (b === '') return 1;
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : 1;
}
