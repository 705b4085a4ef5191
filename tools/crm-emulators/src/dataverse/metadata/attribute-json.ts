import type { AttributeDef, AttributeKind, TableDef } from './metadata-types';
import { EMPTY_LABEL, labelJson } from './option-set-json';

/** The derived AttributeMetadata type of each kind (the `@odata.type` and the cast segment name). */
export const CAST_NAMES: Record<AttributeKind, string> = {
  Uniqueidentifier: 'UniqueIdentifierAttributeMetadata',
  String: 'StringAttributeMetadata',
  Memo: 'MemoAttributeMetadata',
  Integer: 'IntegerAttributeMetadata',
  BigInt: 'BigIntAttributeMetadata',
  Decimal: 'DecimalAttributeMetadata',
  Double: 'DoubleAttributeMetadata',
  Money: 'MoneyAttributeMetadata',
  Boolean: 'BooleanAttributeMetadata',
  DateTime: 'DateTimeAttributeMetadata',
  Lookup: 'LookupAttributeMetadata',
  Customer: 'LookupAttributeMetadata',
  Picklist: 'PicklistAttributeMetadata',
  MultiSelectPicklist: 'MultiSelectPicklistAttributeMetadata',
  State: 'StateAttributeMetadata',
  Status: 'StatusAttributeMetadata',
};

/** Kinds whose metadata has the OptionSet / GlobalOptionSet navigation properties (EnumAttributeMetadata and Boolean). */
export function hasOptionSet(attribute: AttributeDef): boolean {
  return ['Picklist', 'MultiSelectPicklist', 'State', 'Status', 'Boolean'].includes(attribute.kind);
}

function typeSpecific(attribute: AttributeDef): Record<string, unknown> {
  switch (attribute.kind) {
    case 'String':
      return {
        MaxLength: attribute.maxLength,
        DatabaseLength: (attribute.maxLength ?? 0) * 2,
        Format: attribute.format ?? 'Text',
        FormatName: { Value: attribute.format ?? 'Text' },
        ImeMode: 'Auto',
        IsLocalizable: false,
      };
    case 'Memo':
      return { MaxLength: attribute.maxLength, DatabaseLength: (attribute.maxLength ?? 0) * 2, Format: 'TextArea', ImeMode: 'Auto', IsLocalizable: false };
    case 'Integer':
    case 'BigInt':
      return { MinValue: attribute.minValue ?? null, MaxValue: attribute.maxValue ?? null, Format: 'None' };
    case 'Decimal':
    case 'Double':
      return { MinValue: attribute.minValue ?? null, MaxValue: attribute.maxValue ?? null, Precision: attribute.precision ?? 2, ImeMode: 'Auto' };
    case 'Money':
      return {
        MinValue: attribute.minValue ?? null,
        MaxValue: attribute.maxValue ?? null,
        Precision: attribute.precision ?? 2,
        PrecisionSource: 2,
        IsBaseCurrency: attribute.attributeOf !== undefined,
        CalculationOf: attribute.attributeOf ?? null,
        ImeMode: 'Auto',
      };
    case 'Boolean':
      return { DefaultValue: false };
    case 'DateTime':
      return {
        Format: attribute.dateBehavior === 'DateOnly' ? 'DateOnly' : 'DateAndTime',
        DateTimeBehavior: { Value: attribute.dateBehavior ?? 'UserLocal' },
        CanChangeDateTimeBehavior: { Value: attribute.isCustom, CanBeChanged: false, ManagedPropertyLogicalName: 'canchangedatetimebehavior' },
        ImeMode: 'Auto',
      };
    case 'Lookup':
    case 'Customer':
      return { Targets: Object.keys(attribute.navigation ?? {}), Format: 'None' };
    case 'Picklist':
    case 'MultiSelectPicklist':
      return { DefaultFormValue: -1 };
    case 'State':
    case 'Status':
      return { DefaultFormValue: attribute.kind === 'State' ? 0 : 1 };
    default:
      return {};
  }
}

/**
 * AttributeMetadata JSON with its derived type (`@odata.type`), the common properties and the
 * properties of that type (MaxLength, Targets, DateTimeBehavior, Precision…).
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/attributemetadata
 */
export function attributeJson(table: TableDef, attribute: AttributeDef): Record<string, unknown> {
  return { ...commonAttributeJson(table, attribute), ...typeSpecific(attribute) };
}

/** The properties every AttributeMetadata has (what `$select` may name without a cast). */
export function commonAttributeJson(table: TableDef, attribute: AttributeDef): Record<string, unknown> {
  const isMulti = attribute.kind === 'MultiSelectPicklist';
  return {
    '@odata.type': `#Microsoft.Dynamics.CRM.${CAST_NAMES[attribute.kind]}`,
    MetadataId: attribute.metadataId,
    HasChanged: null,
    LogicalName: attribute.logicalName,
    SchemaName: attribute.schemaName,
    EntityLogicalName: table.logicalName,
    AttributeType: isMulti ? 'Virtual' : attribute.kind,
    AttributeTypeName: { Value: isMulti ? 'MultiSelectPicklistType' : attribute.kind === 'Uniqueidentifier' ? 'UniqueidentifierType' : `${attribute.kind}Type` },
    AttributeOf: attribute.attributeOf ?? null,
    IsCustomAttribute: attribute.isCustom,
    IsPrimaryId: attribute.isPrimaryId === true,
    IsPrimaryName: attribute.isPrimaryName === true,
    IsLogical: false,
    IsValidForCreate: attribute.validForCreate,
    IsValidForUpdate: attribute.validForUpdate,
    IsValidForRead: true,
    IsValidODataAttribute: true,
    IsManaged: !attribute.isCustom,
    IsSearchable: attribute.kind === 'String',
    IsFilterable: true,
    IsRetrievable: true,
    ExternalName: null,
    IntroducedVersion: '1.0',
    DisplayName: labelJson(attribute.displayName, `${attribute.metadataId}.display`),
    Description: EMPTY_LABEL,
    RequiredLevel: { Value: attribute.requiredLevel, CanBeChanged: !attribute.isPrimaryId, ManagedPropertyLogicalName: 'canmodifyrequirementlevelsettings' },
  };
}
