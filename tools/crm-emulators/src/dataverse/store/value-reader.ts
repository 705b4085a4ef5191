import { invalidArgument, optionOutOfRange, payloadError, validationFailed } from '../errors';
import type { MetadataRegistry } from '../metadata/metadata-registry';
import type { AttributeDef, TableDef } from '../metadata/metadata-types';
import { edmTypeOf } from '../odata/literal-coercion';
import { truncateToSecond, type StoredValue } from './row-types';

/** Up to 150 options can be selected in one choices column (multi-select-picklist.md). */
const MAX_SELECTED = 150;

/**
 * Converts one JSON property of a create/update payload into its stored form, validating it against
 * the column's definition the way the platform does: EDM type, string length, numeric range, choice
 * values, multi-select format ("1,9" or "1, 9"), date-only vs date-and-time literals.
 */
export function readValue(registry: MetadataRegistry, table: TableDef, attribute: AttributeDef, value: unknown): StoredValue {
  const entity = table.logicalName;
  const wrongType = () =>
    payloadError(table.entitySetName, `Cannot convert the literal '${JSON.stringify(value)}' to the expected type '${edmTypeOf(attribute)}'.`);
  if (value === null) {
    if (attribute.requiredLevel === 'SystemRequired') {
      throw validationFailed(`The '${attribute.logicalName}' attribute of the '${entity}' entity is required and cannot be set to null.`);
    }
    return null;
  }
  switch (attribute.kind) {
    case 'String':
    case 'Memo': {
      if (typeof value !== 'string') throw wrongType();
      if (attribute.maxLength !== undefined && value.length > attribute.maxLength) {
        throw validationFailed(
          `The length of the '${attribute.logicalName}' attribute of the '${entity}' entity exceeded the maximum allowed length of '${attribute.maxLength}'.`,
        );
      }
      return value;
    }
    case 'Integer':
    case 'BigInt':
    case 'Decimal':
    case 'Double':
    case 'Money': {
      const n = typeof value === 'string' && attribute.kind !== 'Integer' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) throw wrongType();
      if ((attribute.kind === 'Integer' || attribute.kind === 'BigInt') && !Number.isInteger(n)) throw wrongType();
      if ((attribute.minValue !== undefined && n < attribute.minValue) || (attribute.maxValue !== undefined && n > attribute.maxValue)) {
        throw validationFailed(
          `The value ${n} of '${attribute.logicalName}' on record of type '${entity}' is outside the valid range (${attribute.minValue ?? '-∞'} to ${attribute.maxValue ?? '∞'}).`,
        );
      }
      return n;
    }
    case 'Boolean':
      if (typeof value !== 'boolean') throw wrongType();
      return value;
    case 'DateTime':
      return readDate(attribute, value, wrongType);
    case 'Picklist':
    case 'State':
    case 'Status': {
      if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType();
      checkOptions(registry, table, attribute, [value], value);
      return value;
    }
    case 'MultiSelectPicklist': {
      if (typeof value !== 'string') throw wrongType();
      if (value.trim() === '') return null;
      const parts = value.split(',').map((p) => p.trim());
      if (parts.some((p) => !/^-?\d+$/.test(p))) throw wrongType();
      const selected = [...new Set(parts.map(Number))].sort((a, b) => a - b);
      if (selected.length > MAX_SELECTED) {
        throw validationFailed(`No more than ${MAX_SELECTED} options can be selected in '${attribute.logicalName}' on record of type '${entity}'.`);
      }
      checkOptions(registry, table, attribute, selected, value);
      return selected;
    }
    case 'Image': {
      // Image columns take the image bytes as base64 (image-column-data.md).
      if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) throw wrongType();
      return value;
    }
    case 'File':
      // file-column-data.md: file content is uploaded with InitializeFileBlocksUpload / PATCH …/$value, never set in the row.
      throw payloadError(table.entitySetName, `The file column '${attribute.logicalName}' cannot be set in a create or update; upload the file instead.`);
    default:
      throw wrongType();
  }
}

function checkOptions(registry: MetadataRegistry, table: TableDef, attribute: AttributeDef, values: number[], shown: unknown): void {
  const accepted = registry.optionSetOf(attribute)?.options.map((o) => o.value) ?? [];
  const wrong = values.find((v) => !accepted.includes(v));
  if (wrong !== undefined) throw optionOutOfRange(Array.isArray(shown) ? wrong : shown, attribute.logicalName, table.logicalName, accepted);
}

function readDate(attribute: AttributeDef, value: unknown, wrongType: () => Error): StoredValue {
  if (typeof value !== 'string') throw wrongType();
  if (attribute.dateBehavior === 'DateOnly') {
    // Date-only columns are Edm.Date: a date-and-time literal is refused, as OData refuses it.
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw wrongType();
    return value;
  }
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value)) throw wrongType();
  const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) throw wrongType();
  return truncateToSecond(ms);
}

/**
 * State and status go together (crm-protocols.md §5.5): a status must belong to the row's state; a
 * state alone takes its default status.
 */
export function reconcileStateAndStatus(
  registry: MetadataRegistry,
  table: TableDef,
  changes: Record<string, StoredValue>,
  current: Record<string, StoredValue> | undefined,
): void {
  const stateAttribute = registry.attribute(table, 'statecode');
  const statusAttribute = registry.attribute(table, 'statuscode');
  if (!stateAttribute || !statusAttribute) return;
  const hasState = 'statecode' in changes;
  const hasStatus = 'statuscode' in changes && changes['statuscode'] !== null;
  if (!hasState && !hasStatus) return;
  const state = (hasState ? changes['statecode'] : (current?.['statecode'] ?? 0)) as number;
  const stateOption = registry.optionSetOf(stateAttribute)?.options.find((o) => o.value === state);
  if (!hasStatus) {
    changes['statuscode'] = stateOption?.defaultStatus ?? null;
    return;
  }
  const status = changes['statuscode'] as number;
  const statusOption = registry.optionSetOf(statusAttribute)?.options.find((o) => o.value === status);
  if (statusOption?.state !== undefined && statusOption.state !== state) {
    throw invalidArgument(`${status} is not a valid status code for state code ${table.schemaName}State.${stateOption?.invariantName ?? state}`);
  }
}
