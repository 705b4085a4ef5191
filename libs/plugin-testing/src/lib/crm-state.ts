import type { CrmField, CrmObject, SyncMessage } from '@crm-hub/plugin-sdk';
import { sameCanonicalValue, showValue, valueDifferences } from './canonical-compare';
import type { ConformanceCrm } from './conformance-options';
import { fail } from './conformance-error';

/** The handle's `readRecord`, bound; fails (naming the rule's need) when the handle has none. */
export type RecordReader = (id: string) => Promise<Record<string, unknown> | undefined>;

/**
 * `crm.readRecord` bound to `object`, or a failure saying the rule needs it: the record as the
 * CRM stores it is the only independent witness of what a write stored or a read should say.
 *
 * @example
 * ```ts
 * const readRecord = requireReadRecord(crm, 'Contact', 'the writes rule checks what each write stored');
 * const stored = await readRecord('003xx');
 * ```
 */
export function requireReadRecord(crm: ConformanceCrm, object: string, why: string): RecordReader {
  const read = crm.readRecord;
  if (typeof read !== 'function') {
    fail(
      `crm.readRecord is not provided, and ${why}: give your ConformanceCrm a readRecord(object, id) that reads the record ` +
        'from the CRM (or its emulator) without the plugin and returns its canonical values keyed by field name ' +
        '(undefined when the record is gone)',
    );
  }
  return async (id) => {
    const record = await read.call(crm, object, id);
    if (record !== undefined && (typeof record !== 'object' || record === null || Array.isArray(record))) {
      throw new TypeError(
        `crm.readRecord('${object}', '${id}') returned ${Array.isArray(record) ? 'an array' : String(record)}, not a record`,
      );
    }
    return record;
  };
}

/**
 * The object's fields by name (for typed comparisons).
 *
 * @example
 * ```ts
 * const byName = fieldsByName(await session.describeObject(connector));
 * ```
 */
export function fieldsByName(object: CrmObject): Map<string, CrmField> {
  return new Map(object.fields.map((f) => [f.name, f]));
}

/**
 * Fails unless the CRM holds every value of `written` on record `id` (compared canonically: see
 * `sameCanonicalValue`). `what` names the write, e.g. `update-1 (update)`.
 *
 * @example
 * ```ts
 * await expectStored(readRecord, byName, 'insert-1 (insert)', id, { LastName: 'Ada' });
 * ```
 */
export async function expectStored(
  readRecord: RecordReader,
  fields: ReadonlyMap<string, CrmField>,
  what: string,
  id: string,
  written: Record<string, unknown>,
): Promise<void> {
  const stored = await readRecord(id);
  if (stored === undefined) {
    fail(`write() reported ${what} ok with id ${id}, but crm.readRecord() finds no such record: report ok only for what the CRM stored`);
  }
  const differences = valueDifferences(written, stored, fields, 'wrote', 'the CRM holds');
  if (differences.length) {
    fail(
      `after ${what}, which write() reported ok, record ${id} does not hold the data written: ${differences.slice(0, 5).join('; ')}` +
        `${differences.length > 5 ? ` (and ${differences.length - 5} more)` : ''}. ` +
        "write() must send every field of a record's data (converted from canonical form) and report ok only when the CRM stored it",
    );
  }
}

/**
 * How the upserts of a read disagree with the records the CRM stores: `nulls` where the read says
 * `null` but the CRM holds a value (an absent field turned into null), `others` for any other
 * value the CRM does not hold. Only fields `readRecord` returns are compared; records it does not
 * find are skipped.
 *
 * @example
 * ```ts
 * const { nulls, others } = await disagreements(messages, readRecord, byName);
 * // nulls: ["record 003…1, field 'LastName' (the CRM holds \"Ada\")"]
 * ```
 */
export async function disagreements(
  messages: readonly SyncMessage[],
  readRecord: RecordReader,
  fields: ReadonlyMap<string, CrmField>,
): Promise<{ nulls: string[]; others: string[] }> {
  const nulls: string[] = [];
  const others: string[] = [];
  for (const msg of messages) {
    if (msg.kind !== 'upsert') continue;
    const stored = await readRecord(msg.id);
    if (stored === undefined) continue;
    for (const [name, value] of Object.entries(msg.data)) {
      if (!(name in stored) || sameCanonicalValue(fields.get(name), stored[name], value)) continue;
      if (value === null) nulls.push(`record ${msg.id}, field '${name}' (the CRM holds ${showValue(stored[name])})`);
      else others.push(`record ${msg.id}, field '${name}': the read says ${showValue(value)}, the CRM holds ${showValue(stored[name])}`);
    }
  }
  return { nulls, others };
}

/**
 * The fields whose values differ between two snapshots of one record (compared canonically).
 *
 * @example
 * ```ts
 * changedFields({ Score: 1, LastName: 'Ada' }, { Score: 2, LastName: 'Ada' }, byName); // ['Score']
 * ```
 */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  fields: ReadonlyMap<string, CrmField>,
): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => !sameCanonicalValue(fields.get(name), before[name], after[name]));
}
