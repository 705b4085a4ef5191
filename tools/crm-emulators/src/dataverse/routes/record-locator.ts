import { alternateKeyNotFound, DataverseError, payloadError, recordNotFound, segmentNotFound } from '../errors';
import type { KeyDef, TableDef } from '../metadata/metadata-types';
import { normalizeGuid } from '../store/row-types';
import { serviceRoot, type DataverseContext } from './api-types';
import { parseResourcePath, type KeyPredicate } from './resource-path';

/** A row address: by id, or by alternate key (use-alternate-key-reference-record.md). */
export interface RowAddress {
  table: TableDef;
  /** The row's id when it exists. */
  id?: string;
  /** For an upsert that creates: the id to use (id addressing) or the key columns to set. */
  createWith: { id?: string; values: Record<string, string | number> };
  key: KeyPredicate;
}

function alternateKey(table: TableDef, values: Record<string, string | number>): KeyDef {
  const names = Object.keys(values).sort().join(',');
  const key = table.keys.find((k) => [...k.attributes].sort().join(',') === names);
  if (!key) {
    throw new DataverseError(400, '0x80060888', `The key specified (${Object.keys(values).join(',')}) is not a valid alternate key for entity '${table.logicalName}'.`);
  }
  return key;
}

export function locateRow(ctx: DataverseContext, table: TableDef, key: KeyPredicate): RowAddress {
  const store = ctx.store.table(table.logicalName);
  if (key.kind === 'id') {
    return { table, key, id: store.get(key.id) ? key.id : undefined, createWith: { id: key.id, values: {} } };
  }
  const pkValue = key.values[table.primaryIdAttribute];
  if (Object.keys(key.values).length === 1 && typeof pkValue === 'string' && normalizeGuid(pkValue)) {
    return locateRow(ctx, table, { kind: 'id', id: normalizeGuid(pkValue) as string });
  }
  const def = alternateKey(table, key.values);
  return { table, key, id: store.findByKey(def.logicalName, key.values), createWith: { values: key.values } };
}

export function requireRow(address: RowAddress): string {
  if (address.id) return address.id;
  if (address.key.kind === 'id') throw recordNotFound(address.table.logicalName, address.key.id);
  throw alternateKeyNotFound(address.table.logicalName);
}

/** The path of a URL relative to the service root (`accounts(…)`), or undefined if it is elsewhere. */
export function relativeToServiceRoot(ctx: DataverseContext, url: string): string | undefined {
  const root = serviceRoot(ctx);
  if (url.startsWith(root)) return url.slice(root.length);
  const rootPath = new URL(root).pathname;
  if (url.startsWith(rootPath)) return url.slice(rootPath.length);
  if (/^https?:\/\//i.test(url)) return undefined;
  return url.replace(/^\//, '');
}

/**
 * Resolves an `@odata.bind` value (create-entity-web-api.md: `/accounts(<id>)`, `accounts(<id>)`, the
 * absolute URL, an alternate key, or `$1` inside a change set) to an existing row.
 */
export function resolveReference(ctx: DataverseContext, reference: string, contentIds?: Map<string, string>, entitySet = ''): { table: TableDef; id: string } {
  let url = reference;
  if (url.startsWith('$')) {
    const target = contentIds?.get(url);
    if (!target) throw new DataverseError(400, '0x80060888', `Content-ID Reference: '${url}' does not exist in the batch context.`);
    url = target;
  }
  const relative = relativeToServiceRoot(ctx, url);
  if (relative === undefined) throw payloadError(entitySet, `The URI '${reference}' is not valid because it is not based on '${serviceRoot(ctx)}'.`);
  const [segment, ...rest] = parseResourcePath(relative);
  const table = segment ? ctx.registry.tableBySet(segment.name) : undefined;
  if (!segment || !table || !segment.key || rest.length > 0) throw segmentNotFound(segment?.name ?? reference);
  const id = requireRow(locateRow(ctx, table, segment.key));
  return { table, id };
}

export function entityUrl(ctx: DataverseContext, table: TableDef, id: string): string {
  return `${serviceRoot(ctx)}${table.entitySetName}(${id})`;
}
