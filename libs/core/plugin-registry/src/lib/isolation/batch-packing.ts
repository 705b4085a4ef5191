import type { SyncMessage, UpsertMessage } from '@crm-hub/plugin-sdk';

/**
 * Consecutive upserts of one object whose `data` have the same fields in the same order, as rows
 * of values: the structured clone then writes and reads each field name once per run instead of
 * once per record (in the benchmark's Dataverse import this cut the hub's CPU per record by a
 * sixth), and the hub's thread builds records of one shape.
 */
export interface PackedUpserts {
  readonly kind: 'packed-upserts';
  readonly object: string;
  readonly fields: readonly string[];
  readonly partial: boolean | undefined;
  /** `[id, modifiedAt | null, ...values in field order]` per record. */
  readonly rows: readonly (readonly unknown[])[];
}

export type PackedMessage = SyncMessage | PackedUpserts;

/**
 * In the worker: the batch's upserts packed into runs, every other message as it is, in order. An
 * upsert that is not plain data of the contract's shape (another key, a `data` that is not a plain
 * object…) also crosses as it is, so that what the hub gets is exactly what a structured clone of
 * the message would give.
 */
export function packMessages(messages: readonly SyncMessage[]): PackedMessage[] {
  const out: PackedMessage[] = [];
  let run: { object: string; fields: string[]; partial: boolean | undefined; rows: unknown[][] } | undefined;
  for (const message of messages) {
    if (message.kind !== 'upsert' || !packable(message)) {
      run = undefined;
      out.push(message);
      continue;
    }
    const { partial } = message;
    if (!run || run.object !== message.object || run.partial !== partial || !sameFields(message.data, run.fields)) {
      run = { object: message.object, fields: Object.keys(message.data), partial, rows: [] };
      out.push({ kind: 'packed-upserts', ...run });
    }
    const row: unknown[] = [message.id, message.modifiedAt ?? null];
    for (const field of run.fields) row.push(message.data[field]);
    run.rows.push(row);
  }
  return out;
}

/** In the hub: the messages as the plugin produced them. */
export function unpackMessages(packed: readonly PackedMessage[]): SyncMessage[] {
  const out: SyncMessage[] = [];
  for (const message of packed) {
    if (message.kind !== 'packed-upserts') {
      out.push(message);
      continue;
    }
    const { object, fields, partial } = message;
    for (const row of message.rows) {
      const data: Record<string, unknown> = {};
      for (let i = 0; i < fields.length; i++) data[fields[i] as string] = row[i + 2];
      const upsert: UpsertMessage = { kind: 'upsert', object, id: row[0] as string, data };
      if (row[1] !== null) upsert.modifiedAt = row[1] as string;
      if (partial !== undefined) upsert.partial = partial;
      out.push(upsert);
    }
  }
  return out;
}

const UPSERT_KEYS = new Set(['kind', 'object', 'id', 'data', 'modifiedAt', 'partial']);

function packable(message: UpsertMessage): boolean {
  for (const key in message) if (!UPSERT_KEYS.has(key)) return false;
  const { data, modifiedAt, partial } = message;
  return (
    typeof message.object === 'string' &&
    typeof message.id === 'string' &&
    (modifiedAt === undefined || typeof modifiedAt === 'string') &&
    (partial === undefined || typeof partial === 'boolean') &&
    typeof data === 'object' &&
    data !== null &&
    Object.getPrototypeOf(data) === Object.prototype
  );
}

/** Whether `data`'s own keys are exactly `fields`, in order (no array allocated per record). */
function sameFields(data: Record<string, unknown>, fields: readonly string[]): boolean {
  let i = 0;
  for (const key in data) {
    if (!Object.prototype.hasOwnProperty.call(data, key)) continue;
    if (fields[i] !== key) return false;
    i++;
  }
  return i === fields.length;
}
