import { unknownProperty } from '../errors';
import { hasProperty, propertyName, type MetadataRegistry } from '../metadata/metadata-registry';
import type { AttributeDef, TableDef } from '../metadata/metadata-types';
import type { EnvironmentStore } from '../store/environment-store';
import { isLookupValue, isoSeconds, type StoredRow, type StoredValue } from '../store/row-types';
import { ASSOCIATED_NAVIGATION_PROPERTY, FORMATTED_VALUE, formattedValue, LOOKUP_LOGICAL_NAME } from './formatted-values';

/** What a response shows of each row. */
export interface RowView {
  /** Columns to show (`$select`); undefined: all of them. */
  columns?: AttributeDef[];
  /** Whether an annotation was asked for with `Prefer: odata.include-annotations`. */
  wants: (annotation: string) => boolean;
  /**
   * Delta rows: whether a column changed since the delta token (undefined: show every column).
   * The primary key is always shown.
   */
  changed?: (attribute: AttributeDef) => boolean;
}

/** Resolves `$select` against a table; lookups are selected as `_<name>_value`. */
export function selectColumns(registry: MetadataRegistry, table: TableDef, select: string[] | undefined): AttributeDef[] | undefined {
  if (!select || select.length === 0 || select.includes('*')) return undefined;
  return select.map((name) => {
    const attribute = registry.byProperty(table, name);
    if (!attribute) throw unknownProperty(name, table.logicalName);
    return attribute;
  });
}

/** The JSON value of a stored column (DateTimeOffset without milliseconds, Edm.Date, "1,9", lookup id). */
export function wireValue(attribute: AttributeDef, value: StoredValue | undefined): unknown {
  if (attribute.kind === 'ManagedProperty') {
    // A BooleanManagedProperty complex value: solution metadata, not record data.
    return { Value: value === true, CanBeChanged: true, ManagedPropertyLogicalName: attribute.logicalName };
  }
  if (value === undefined || value === null || attribute.validForRead === false) return null;
  if (isLookupValue(value)) return value.id;
  if (Array.isArray(value)) return value.join(',');
  if (attribute.kind === 'DateTime' && typeof value === 'number') return isoSeconds(value);
  return value;
}

/**
 * Renders a row as the Web API does: `@odata.etag` (`W/"<versionnumber>"`), the selected columns
 * (annotations before their value; only the changed ones in a delta row), and the primary key last
 * when it was not selected.
 */
export function serializeRow(
  registry: MetadataRegistry,
  store: EnvironmentStore,
  table: TableDef,
  row: StoredRow,
  view: RowView,
): Record<string, unknown> {
  const out: Record<string, unknown> = { '@odata.etag': `W/"${String(row['versionnumber'])}"` };
  const columns = view.columns ?? table.attributes;
  const formatted = view.wants(FORMATTED_VALUE);
  const lookupName = view.wants(LOOKUP_LOGICAL_NAME);
  const navigation = view.wants(ASSOCIATED_NAVIGATION_PROPERTY);
  let pkShown = false;
  for (const attribute of columns) {
    if (!hasProperty(attribute)) continue;
    if (view.changed && !attribute.isPrimaryId && !view.changed(attribute)) continue;
    const name = propertyName(attribute);
    const value = row[attribute.logicalName];
    if (attribute.isPrimaryId) pkShown = true;
    if (formatted) {
      const text = formattedValue(registry, store, attribute, value);
      if (text !== undefined) out[`${name}@${FORMATTED_VALUE}`] = text;
    }
    if (isLookupValue(value)) {
      if (navigation) out[`${name}@${ASSOCIATED_NAVIGATION_PROPERTY}`] = attribute.navigation?.[value.table] ?? attribute.logicalName;
      if (lookupName) out[`${name}@${LOOKUP_LOGICAL_NAME}`] = value.table;
    }
    out[name] = wireValue(attribute, value);
  }
  if (!pkShown) out[table.primaryIdAttribute] = row[table.primaryIdAttribute];
  return out;
}

/** `$metadata#accounts(name,accountnumber)` context fragment. */
export function contextSelection(table: TableDef, columns: AttributeDef[] | undefined): string {
  return columns ? `${table.entitySetName}(${columns.map(propertyName).join(',')})` : table.entitySetName;
}
