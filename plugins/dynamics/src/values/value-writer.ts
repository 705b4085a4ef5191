import { formatMultiEnum, JsonNumber, toBoolean, toDecimalString, toInteger, toIsoDate, toIsoDateTime } from '@crm-hub/plugin-sdk';
import type { LookupNavigation } from '../metadata/metadata-client';
import { isPolymorphic, type AttributeInfo, type TableInfo } from '../metadata/table-info';
import { isGuid } from '../odata/literals';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A record the plugin cannot send as given: it becomes that record's failed WriteResult. */
export class RecordError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fields?: string[],
  ) {
    super(message);
  }
}

/** What the writer needs to bind lookups: navigation properties and target entity sets. */
export interface LookupResolver {
  navigation(table: string): Promise<LookupNavigation[]>;
  entitySetName(table: string): Promise<string>;
}

/**
 * The Web API body of one record from canonical data: option values as integers, multi-select
 * arrays as `"1,9"`, exact decimals written as JSON numbers without float rounding, date-only
 * values as `YYYY-MM-DD`, date-times as ISO UTC, lookups as `<navigation>@odata.bind:
 * "/<set>(<guid>)"` (or `null` to clear). A lookup with several targets (Customer, Owner,
 * Regarding) takes `"<table>:<guid>"`, since a bare GUID does not say which table it points to;
 * `ownerid`, whose one navigation property points to the abstract `owner`, binds to
 * `/systemusers(<guid>)` or `/teams(<guid>)` by that table, as Microsoft documents for assigning
 * a record (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/principal).
 * File columns cannot be written (their content is uploaded apart). Fields in `skip`
 * (the id, alternate-key columns addressed in the URL) are left out. Unknown fields or values
 * that do not fit throw {@link RecordError}.
 *
 * @example
 * ```ts
 * await dataverseBody(contact, { lastname: 'Ada', new_tags: ['1', '9'] }, resolver, new Set());
 * // { lastname: 'Ada', new_tags: '1,9' }
 * ```
 */
export async function dataverseBody(
  table: TableInfo,
  data: Record<string, unknown>,
  resolver: LookupResolver,
  skip: ReadonlySet<string>,
): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(data)) {
    if (skip.has(name) || value === undefined) continue;
    const a = table.attributes.get(name);
    if (!a) throw new RecordError('UNKNOWN_FIELD', `'${table.logicalName}' has no writable column '${name}'`, [name]);
    if (a.kind === 'lookup') {
      const [key, bound] = await bindLookup(table, a, value, resolver);
      body[key] = bound;
      continue;
    }
    if (a.kind === 'file') {
      // file-column-data.md: a file column cannot be set in a create or update; its content is uploaded apart.
      throw new RecordError('READ_ONLY_FIELD', `Column '${name}' is a file column: its file is uploaded with calls of its own, not set in a record`, [name]);
    }
    try {
      body[a.logicalName] = value === null ? null : dataverseValue(a, value);
    } catch (error) {
      throw new RecordError('INVALID_VALUE', `Column '${name}' (${a.nativeType}): ${(error as Error).message}`, [name]);
    }
  }
  return body;
}

function dataverseValue(a: AttributeInfo, value: unknown): unknown {
  switch (a.kind) {
    case 'multi-enum': {
      const values = Array.isArray(value) ? value.map(String) : [String(value)];
      values.forEach((v) => toInteger(v));
      return values.length === 0 ? null : formatMultiEnum(values, ',');
    }
    case 'enum':
    case 'integer':
      return toInteger(value as string | number);
    case 'bigint':
    case 'decimal':
    case 'money':
    case 'double':
      return new JsonNumber(toDecimalString(value as string | number));
    case 'boolean':
      return toBoolean(value as boolean | string);
    case 'datetime':
      if (typeof value === 'string' && DATE_ONLY.test(value)) return toIsoDate(value);
      return toIsoDateTime(value as string);
    case 'id':
      if (!isGuid(value)) throw new TypeError(`${JSON.stringify(value)} is not a GUID`);
      return value;
    default:
      if (typeof value === 'object') throw new TypeError('expected text');
      return String(value);
  }
}

async function bindLookup(
  table: TableInfo,
  a: AttributeInfo,
  value: unknown,
  resolver: LookupResolver,
): Promise<[string, string | null]> {
  const navigations = (await resolver.navigation(table.logicalName)).filter((n) => n.attribute === a.logicalName);
  if (navigations.length === 0) {
    throw new RecordError('UNKNOWN_FIELD', `Lookup '${a.logicalName}' has no navigation property that can be set`, [a.logicalName]);
  }
  if (value === null) return [`${(navigations[0] as LookupNavigation).navigationProperty}@odata.bind`, null];
  const text = typeof value === 'string' ? value : '';
  const typed = /^([a-z_][a-z0-9_]*):(.+)$/.exec(text);
  const id = typed ? typed[2] : text;
  const target = typed?.[1];
  if (!isGuid(id)) throw new RecordError('INVALID_VALUE', `Lookup '${a.logicalName}' needs a GUID`, [a.logicalName]);
  // Customer and Regarding lookups have one navigation property per target table.
  const perTarget = target ? navigations.find((n) => n.target === target) : navigations.length === 1 && !isPolymorphic(a) ? navigations[0] : undefined;
  if (perTarget) return [`${perTarget.navigationProperty}@odata.bind`, `/${await resolver.entitySetName(perTarget.target)}(${id.toLowerCase()})`];
  // ownerid has one, to the abstract owner: it binds a user or a team through their own entity set.
  const shared = navigations.length === 1 && target && a.targets?.includes(target) ? navigations[0] : undefined;
  if (shared) return [`${shared.navigationProperty}@odata.bind`, `/${await resolver.entitySetName(target as string)}(${id.toLowerCase()})`];
  const targets = (a.targets ?? navigations.map((n) => n.target)).join(', ');
  throw new RecordError('INVALID_VALUE', `Lookup '${a.logicalName}' can point to ${targets}: give the value as '<table>:<guid>' (one of ${targets})`, [a.logicalName]);
}
