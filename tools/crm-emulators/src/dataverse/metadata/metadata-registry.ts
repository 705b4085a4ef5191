import { DataverseError } from '../errors';
import { attributeFromMetadata } from './attribute-from-metadata';
import { attribute as makeAttribute, optionSet as makeOptionSet } from './attribute-builders';
import { isLookupKind, type AttributeDef, type OptionSetDef, type TableDef } from './metadata-types';
import { subscriptionContactTable } from './intersect-tables';
import { accountTable } from './account-table';
import { platformTables } from './platform-tables';
import { contactTable, globalOptionSets, leadTable, subscriptionTable } from './standard-tables';

/** The name a column has in rows and queries: lookups are `_<name>_value`. */
export function propertyName(attribute: AttributeDef): string {
  return isLookupKind(attribute.kind) ? `_${attribute.logicalName}_value` : attribute.logicalName;
}

/**
 * Whether a column is a property of the row in the Web API: not party lists (their parties are rows
 * of their own), not columns that are no OData attribute (a lookup's name companions, whose value is
 * the lookup's FormattedValue annotation). A column not valid for read is a property whose value is
 * always null (entity-attribute-metadata.md: "If you try to retrieve a column that isn't valid for
 * read, a null value is returned").
 */
export function hasProperty(attribute: AttributeDef): boolean {
  return attribute.kind !== 'PartyList' && attribute.validForOData !== false;
}

/**
 * The columns the platform adds with some kinds of column (create-update-column-definitions-using-web-api.md,
 * image-column-data.md, file-column-data.md): an image's `_url`, `_timestamp` and `<name>id`, a
 * file's `_name`, a roll-up's `_date` and `_state`.
 */
function companionsOf(table: TableDef, attribute: AttributeDef): AttributeDef[] {
  const readOnly = { validForCreate: false, validForUpdate: false, attributeOf: attribute.logicalName, isCustom: attribute.isCustom };
  const name = attribute.logicalName;
  if (attribute.kind === 'Image') {
    return [
      makeAttribute(table.logicalName, `${name}_url`, 'String', `${attribute.displayName} URL`, { ...readOnly, maxLength: 200, format: 'Url' }),
      makeAttribute(table.logicalName, `${name}_timestamp`, 'BigInt', `${attribute.displayName} Timestamp`, readOnly),
      makeAttribute(table.logicalName, `${name}id`, 'Uniqueidentifier', `${attribute.displayName} Id`, readOnly),
    ];
  }
  if (attribute.kind === 'File') return [makeAttribute(table.logicalName, `${name}_name`, 'String', `${attribute.displayName} Name`, { ...readOnly, maxLength: 200 })];
  if (attribute.sourceType === 2) {
    return [
      makeAttribute(table.logicalName, `${name}_date`, 'DateTime', `${attribute.displayName} (Last Updated On)`, { ...readOnly, dateBehavior: 'UserLocal' }),
      makeAttribute(table.logicalName, `${name}_state`, 'Integer', `${attribute.displayName} (State)`, readOnly),
    ];
  }
  return [];
}

/** Every table and option set of the emulated environment; admins change it at run time (schema drift). */
export class MetadataRegistry {
  private readonly tables = new Map<string, TableDef>();
  private readonly bySet = new Map<string, TableDef>();
  private readonly optionSets = new Map<string, OptionSetDef>();
  private readonly propertyIndex = new Map<string, Map<string, AttributeDef>>();
  /** Bumped on every metadata change (cache keys, $metadata). */
  version = 1;

  constructor() {
    for (const bundle of [accountTable(), contactTable(), leadTable(), subscriptionTable(), subscriptionContactTable(), ...platformTables()]) {
      this.tables.set(bundle.table.logicalName, bundle.table);
      this.bySet.set(bundle.table.entitySetName, bundle.table);
      for (const [key, set] of Object.entries(bundle.optionSets)) this.optionSets.set(key, set);
    }
    for (const [key, set] of Object.entries(globalOptionSets())) this.optionSets.set(key, set);
    for (const table of this.tables.values()) this.reindex(table);
  }

  allTables(): TableDef[] {
    return [...this.tables.values()];
  }

  table(logicalName: string): TableDef {
    const table = this.tables.get(logicalName);
    if (!table) throw new Error(`Unknown table '${logicalName}' (known: ${[...this.tables.keys()].join(', ')})`);
    return table;
  }

  findTable(logicalName: string): TableDef | undefined {
    return this.tables.get(logicalName);
  }

  tableBySet(entitySetName: string): TableDef | undefined {
    return this.bySet.get(entitySetName);
  }

  attribute(table: TableDef, logicalName: string): AttributeDef | undefined {
    return table.attributes.find((a) => a.logicalName === logicalName);
  }

  /** The column behind a property name (`name`, `_parentaccountid_value`). */
  byProperty(table: TableDef, property: string): AttributeDef | undefined {
    return this.propertyIndex.get(table.logicalName)?.get(property);
  }

  /** The lookup column and target table behind a single-valued navigation property. */
  navigation(table: TableDef, navigationProperty: string): { attribute: AttributeDef; target: TableDef } | undefined {
    for (const attribute of table.attributes) {
      for (const [target, nav] of Object.entries(attribute.navigation ?? {})) {
        const targetTable = this.tables.get(target);
        if (nav === navigationProperty && targetTable) return { attribute, target: targetTable };
      }
    }
    return undefined;
  }

  optionSet(key: string): OptionSetDef | undefined {
    return this.optionSets.get(key);
  }

  optionSetOf(attribute: AttributeDef): OptionSetDef | undefined {
    return attribute.optionSet ? this.optionSets.get(attribute.optionSet) : undefined;
  }

  globalOptionSets(): OptionSetDef[] {
    return [...this.optionSets.values()].filter((s) => s.global);
  }

  label(attribute: AttributeDef, value: number): string | undefined {
    return this.optionSetOf(attribute)?.options.find((o) => o.value === value)?.label;
  }

  /** Adds a column from AttributeMetadata-like JSON (LogicalName, AttributeType or @odata.type, MaxLength, OptionSet…). */
  addAttribute(tableName: string, metadata: Record<string, unknown>): AttributeDef {
    const table = this.table(tableName);
    const { attribute, localOptions } = attributeFromMetadata(table.logicalName, metadata);
    if (table.attributes.some((a) => a.logicalName === attribute.logicalName)) {
      throw new DataverseError(400, '0x80044153', `An attribute with the specified name ${attribute.logicalName} already exists.`);
    }
    if (localOptions) {
      const key = `${table.logicalName}.${attribute.logicalName}`;
      const type = attribute.kind === 'Boolean' ? 'Boolean' : 'Picklist';
      this.optionSets.set(key, makeOptionSet(`${table.logicalName}_${attribute.logicalName}`, type, attribute.displayName, localOptions));
      attribute.optionSet = key;
    }
    if (attribute.optionSet && !this.optionSets.has(attribute.optionSet)) {
      throw new Error(`Unknown option set '${attribute.optionSet}' for ${table.logicalName}.${attribute.logicalName}`);
    }
    table.attributes.push(attribute, ...companionsOf(table, attribute));
    this.reindex(table);
    this.version++;
    return attribute;
  }

  removeAttribute(tableName: string, logicalName: string): AttributeDef {
    const table = this.table(tableName);
    const index = table.attributes.findIndex((a) => a.logicalName === logicalName);
    const attribute = table.attributes[index];
    if (!attribute) throw new Error(`No attribute '${logicalName}' on ${tableName}`);
    if (attribute.isPrimaryId || attribute.isPrimaryName || ['createdon', 'modifiedon', 'versionnumber', 'statecode', 'statuscode'].includes(logicalName)) {
      throw new Error(`Attribute '${logicalName}' is a system column and cannot be removed`);
    }
    table.attributes.splice(index, 1);
    const dependent = table.attributes.filter((a) => a.attributeOf === logicalName).map((a) => a.logicalName);
    table.attributes = table.attributes.filter((a) => !dependent.includes(a.logicalName));
    table.keys = table.keys.filter((k) => !k.attributes.includes(logicalName));
    this.reindex(table);
    this.version++;
    return attribute;
  }

  /** Replaces the options of `table.attribute` (local) or `global:<name>`. */
  setOptions(key: string, options: { value: number; label: string }[]): void {
    const set = this.optionSets.get(key);
    if (!set) throw new Error(`Unknown option set '${key}' (use <table>.<attribute> or global:<name>)`);
    set.options = options.map(({ value, label }) => ({ ...set.options.find((o) => o.value === value), value, label }));
    this.version++;
  }

  private reindex(table: TableDef): void {
    this.propertyIndex.set(table.logicalName, new Map(table.attributes.filter(hasProperty).map((a) => [propertyName(a), a])));
  }
}
