import type { MetadataRegistry } from '../metadata/metadata-registry';
import type { AttributeDef } from '../metadata/metadata-types';
import type { EnvironmentStore } from '../store/environment-store';
import { isLookupValue, type StoredValue } from '../store/row-types';

export const FORMATTED_VALUE = 'OData.Community.Display.V1.FormattedValue';
export const LOOKUP_LOGICAL_NAME = 'Microsoft.Dynamics.CRM.lookuplogicalname';
export const ASSOCIATED_NAVIGATION_PROPERTY = 'Microsoft.Dynamics.CRM.associatednavigationproperty';

const currency = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** `1/5/2026 9:07 AM`: the calling user's format (the emulated user is en-US in UTC). */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  const hours = d.getUTCHours();
  const minutes = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${hours % 12 === 0 ? 12 : hours % 12}:${minutes} ${hours < 12 ? 'AM' : 'PM'}`;
}

export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${m}/${d}/${y}`;
}

/**
 * The `@OData.Community.Display.V1.FormattedValue` text of a column value, or undefined when the
 * service gives none (text and id columns, nulls): labels for choices (`;`-joined for multi-select,
 * multi-select-picklist.md), currency for money, localized numbers and dates, Yes/No labels, and the
 * primary name of a lookup's target.
 */
export function formattedValue(
  registry: MetadataRegistry,
  store: EnvironmentStore,
  attribute: AttributeDef,
  value: StoredValue | undefined,
): string | undefined {
  if (value === null || value === undefined) return undefined;
  switch (attribute.kind) {
    case 'Money':
      return typeof value === 'number' ? currency.format(value) : undefined;
    case 'Integer':
      return typeof value === 'number' ? integer.format(value) : undefined;
    case 'Decimal':
    case 'Double':
      return typeof value === 'number'
        ? new Intl.NumberFormat('en-US', { minimumFractionDigits: attribute.precision ?? 2, maximumFractionDigits: attribute.precision ?? 2 }).format(value)
        : undefined;
    case 'Boolean':
      return registry.label(attribute, value === true ? 1 : 0) ?? (value ? 'Yes' : 'No');
    case 'DateTime':
      if (typeof value === 'number') return formatDateTime(value);
      return typeof value === 'string' ? formatDate(value) : undefined;
    case 'Picklist':
    case 'State':
    case 'Status':
      return typeof value === 'number' ? registry.label(attribute, value) : undefined;
    case 'MultiSelectPicklist':
      return Array.isArray(value) ? value.map((v) => registry.label(attribute, v) ?? String(v)).join('; ') : undefined;
    case 'Lookup':
    case 'Customer':
    case 'Owner': {
      if (!isLookupValue(value)) return undefined;
      const target = registry.findTable(value.table);
      const row = target ? store.table(target.logicalName).get(value.id) : undefined;
      const name = row && target ? row[target.primaryNameAttribute] : undefined;
      return typeof name === 'string' ? name : undefined;
    }
    default:
      return undefined;
  }
}
