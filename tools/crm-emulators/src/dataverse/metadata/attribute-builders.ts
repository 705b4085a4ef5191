import { stableGuid, type AttributeDef, type AttributeKind, type OptionDef, type OptionSetDef } from './metadata-types';

/** Small constructors that keep the table definitions readable. */

type Extra = Partial<Omit<AttributeDef, 'logicalName' | 'kind' | 'displayName'>>;

function schemaNameOf(logicalName: string, custom: boolean): string {
  if (custom) {
    const [prefix, ...rest] = logicalName.split('_');
    return `${prefix}_${rest.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('_')}`;
  }
  return logicalName.charAt(0).toUpperCase() + logicalName.slice(1);
}

export function attribute(table: string, logicalName: string, kind: AttributeKind, displayName: string, extra: Extra = {}): AttributeDef {
  const isCustom = extra.isCustom ?? logicalName.startsWith('new_');
  return {
    logicalName,
    schemaName: extra.schemaName ?? schemaNameOf(logicalName, isCustom),
    displayName,
    kind,
    requiredLevel: 'None',
    validForCreate: true,
    validForUpdate: true,
    isCustom,
    metadataId: stableGuid(`attribute:${table}.${logicalName}`),
    ...extra,
  };
}

export function text(table: string, name: string, label: string, maxLength: number, extra: Extra = {}): AttributeDef {
  return attribute(table, name, 'String', label, { maxLength, format: 'Text', ...extra });
}

/** A lookup: per target table, its single-valued navigation property and its relationship's schema name. */
export function lookup(table: string, name: string, label: string, targets: Record<string, [navigation: string, relationship: string]>, extra: Extra = {}): AttributeDef {
  const navigation = Object.fromEntries(Object.entries(targets).map(([target, [nav]]) => [target, nav]));
  const relationships = Object.fromEntries(Object.entries(targets).map(([target, [, relationship]]) => [target, relationship]));
  return attribute(table, name, Object.keys(targets).length > 1 ? 'Customer' : 'Lookup', label, { navigation, relationships, ...extra });
}

export function money(table: string, name: string, label: string, extra: Extra = {}): AttributeDef[] {
  const base = `${name}_base`;
  return [
    attribute(table, name, 'Money', label, { precision: 2, minValue: -922337203685477, maxValue: 922337203685477, ...extra }),
    attribute(table, base, 'Money', `${label} (Base)`, {
      precision: 4,
      minValue: -922337203685477,
      maxValue: 922337203685477,
      validForCreate: false,
      validForUpdate: false,
      attributeOf: name,
    }),
  ];
}

export function choice(table: string, name: string, label: string, optionSet: string, extra: Extra = {}): AttributeDef {
  return attribute(table, name, 'Picklist', label, { optionSet, ...extra });
}

export function yesNo(table: string, name: string, label: string): AttributeDef {
  return attribute(table, name, 'Boolean', label, { optionSet: `${table}.${name}` });
}

export function optionSet(name: string, type: OptionSetDef['type'], displayName: string, options: OptionDef[], global = false): OptionSetDef {
  return { name, global, type, displayName, options, metadataId: stableGuid(`optionset:${name}`) };
}

export function labels(values: [number, string][]): OptionDef[] {
  return values.map(([value, label]) => ({ value, label }));
}

/** Columns every table has: key, audit stamps, row version, state and status. */
export function systemAttributes(table: string, idName: string, idLabel: string, custom: boolean): AttributeDef[] {
  const readOnly = { validForCreate: false, validForUpdate: false };
  return [
    attribute(table, idName, 'Uniqueidentifier', idLabel, {
      isPrimaryId: true,
      validForUpdate: false,
      requiredLevel: 'SystemRequired',
      isCustom: false,
      schemaName: custom ? schemaNameOf(idName, true) : schemaNameOf(idName, false),
    }),
    attribute(table, 'createdon', 'DateTime', 'Created On', { ...readOnly, dateBehavior: 'UserLocal', isCustom: false, schemaName: 'CreatedOn' }),
    attribute(table, 'modifiedon', 'DateTime', 'Modified On', { ...readOnly, dateBehavior: 'UserLocal', isCustom: false, schemaName: 'ModifiedOn' }),
    attribute(table, 'versionnumber', 'BigInt', 'Version Number', { ...readOnly, isCustom: false, schemaName: 'VersionNumber' }),
    // Table references list statecode as not valid for create: a row starts in its default state.
    attribute(table, 'statecode', 'State', 'Status', {
      optionSet: `${table}.statecode`,
      requiredLevel: 'SystemRequired',
      validForCreate: false,
      isCustom: false,
      schemaName: 'StateCode',
    }),
    attribute(table, 'statuscode', 'Status', 'Status Reason', { optionSet: `${table}.statuscode`, isCustom: false, schemaName: 'StatusCode' }),
  ];
}

/** Active/Inactive state and status sets most tables use. */
export function activeInactive(table: string): OptionSetDef[] {
  return [
    optionSet(`${table}_statecode`, 'State', 'Status', [
      { value: 0, label: 'Active', defaultStatus: 1, invariantName: 'Active' },
      { value: 1, label: 'Inactive', defaultStatus: 2, invariantName: 'Inactive' },
    ]),
    optionSet(`${table}_statuscode`, 'Status', 'Status Reason', [
      { value: 1, label: 'Active', state: 0 },
      { value: 2, label: 'Inactive', state: 1 },
    ]),
  ];
}

export function booleanSet(table: string, name: string, label: string, trueLabel = 'Yes', falseLabel = 'No'): OptionSetDef {
  return optionSet(`${table}_${name}`, 'Boolean', label, [
    { value: 1, label: trueLabel },
    { value: 0, label: falseLabel },
  ]);
}
