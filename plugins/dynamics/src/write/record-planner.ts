import { stringifyJsonLossless, type WriteRecord, type WriteRequest } from '@crm-hub/plugin-sdk';
import { DataverseRequestError } from '../errors';
import type { AlternateKey } from '../metadata/metadata-client';
import type { AttributeInfo, TableInfo } from '../metadata/table-info';
import { isGuid, LiteralError, scalarLiteral, stringLiteral } from '../odata/literals';
import { dataverseBody, RecordError, type LookupResolver } from '../values/value-writer';
import type { BatchOperation } from './batch-format';

/** How records of one write request are addressed. */
export interface WriteTarget {
  table: TableInfo;
  operation: WriteRequest['operation'];
  /** For upsert by alternate key: the key column (a single-column, active key). */
  keyColumn?: AttributeInfo;
}

/**
 * Checks the request's `matchField` for upsert: absent or the primary id means upsert by id; else
 * it must be the only column of an active alternate key. Anything else is a mistake in the
 * request, not in a record, so it throws {@link DataverseRequestError}.
 *
 * @example
 * ```ts
 * const target = writeTarget(table, req, await metadata.keys(table.logicalName));
 * ```
 */
export function writeTarget(table: TableInfo, req: WriteRequest, keys: readonly AlternateKey[]): WriteTarget {
  if (req.operation !== 'upsert' || req.matchField === undefined || req.matchField === table.primaryId) {
    return { table, operation: req.operation };
  }
  const key = keys.find((k) => k.attributes.length === 1 && k.attributes[0] === req.matchField);
  const column = table.attributes.get(req.matchField);
  if (!key || !column) {
    throw new DataverseRequestError(
      `'${req.matchField}' is not a single-column alternate key of '${table.logicalName}' (keys: ${keys.map((k) => k.attributes.join('+')).join(', ') || 'none'})`,
    );
  }
  if (!key.active) {
    throw new DataverseRequestError(`The alternate key '${key.logicalName}' of '${table.logicalName}' is not active yet (its index is still being built, or failed)`);
  }
  return { table, operation: req.operation, keyColumn: column };
}

/**
 * The `$batch` operation of one record:
 * - insert: `POST <set>` (the record's `id`, when given, becomes the primary key);
 * - update: `PATCH <set>(<id>)` with `If-Match: *`, so a missing record fails (404) instead of
 *   being created;
 * - upsert: `PATCH <set>(<id>)` or `PATCH <set>(<key>='<value>')` without `If-Match`, with
 *   `Prefer: return=representation` and `$select=<primary id>` so Dataverse answers 201 (created)
 *   or 200 (updated) with the record's id; the key column is left out of the body, as Microsoft
 *   advises (Dataverse copies it from the URL on create);
 * - delete: `DELETE <set>(<id>)`.
 * Problems with the record itself throw {@link RecordError} (it becomes that record's result).
 * https://learn.microsoft.com/power-apps/developer/data-platform/use-upsert-insert-update-record
 *
 * @example
 * ```ts
 * const op = await planRecord(target, { ref: 'r1', id, data: { lastname: 'Ada' } }, resolver);
 * ```
 */
export async function planRecord(target: WriteTarget, record: WriteRecord, resolver: LookupResolver): Promise<BatchOperation> {
  const { table, operation, keyColumn } = target;
  const data = record.data ?? {};
  const set = table.entitySetName;
  if (operation === 'insert') {
    const body = await dataverseBody(table, data, resolver, new Set([table.primaryId]));
    const id = record.id ?? data[table.primaryId];
    if (id !== undefined) body[table.primaryId] = requireGuid(id, table.primaryId);
    return { method: 'POST', url: set, body: stringifyJsonLossless(body) };
  }
  if (operation === 'upsert' && keyColumn) {
    const value = data[keyColumn.logicalName];
    if (value === undefined || value === null || value === '') {
      throw new RecordError('MISSING_KEY', `The record has no value for the alternate key '${keyColumn.logicalName}'`, [keyColumn.logicalName]);
    }
    const body = await dataverseBody(table, data, resolver, new Set([table.primaryId, keyColumn.logicalName]));
    return {
      method: 'PATCH',
      url: `${set}(${keyColumn.logicalName}=${encodeURIComponent(keyLiteral(keyColumn, value))})?$select=${table.primaryId}`,
      headers: { Prefer: 'return=representation' },
      body: stringifyJsonLossless(body),
    };
  }
  const id = requireGuid(record.id ?? data[table.primaryId], table.primaryId);
  if (operation === 'delete') return { method: 'DELETE', url: `${set}(${id})` };
  const body = stringifyJsonLossless(await dataverseBody(table, data, resolver, new Set([table.primaryId])));
  if (operation === 'update') return { method: 'PATCH', url: `${set}(${id})`, headers: { 'If-Match': '*' }, body };
  return { method: 'PATCH', url: `${set}(${id})?$select=${table.primaryId}`, headers: { Prefer: 'return=representation' }, body };
}

function requireGuid(id: unknown, column: string): string {
  if (!isGuid(id)) throw new RecordError('MISSING_ID', `The record needs its '${column}' (a GUID) as id`, [column]);
  return id.toLowerCase();
}

/** The literal of an alternate-key value in a key predicate. */
function keyLiteral(column: AttributeInfo, value: unknown): string {
  try {
    return scalarLiteral(column.kind, value) ?? stringLiteral(String(value));
  } catch (error) {
    if (error instanceof LiteralError) throw new RecordError('INVALID_VALUE', `Alternate key '${column.logicalName}': ${error.message}`, [column.logicalName]);
    throw error;
  }
}
