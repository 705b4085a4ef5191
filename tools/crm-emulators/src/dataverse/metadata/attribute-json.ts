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
  // Owner columns are lookups whose Targets are systemuser and team.
  Owner: 'LookupAttributeMetadata',
  EntityName: 'EntityNameAttributeMetadata',
  // The `<choice>name` virtual companions have no derived type of their own (see the README).
  Virtual: 'AttributeMetadata',
  Picklist: 'PicklistAttributeMetadata',
  MultiSelectPicklist: 'MultiSelectPicklistAttributeMetadata',
  State: 'StateAttributeMetadata',
  Status: 'StatusAttributeMetadata',
  Image: 'ImageAttributeMetadata',
  File: 'FileAttributeMetadata',
  ManagedProperty: 'ManagedPropertyAttributeMetadata',
  // Party lists are lookups in the metadata (their Targets are the tables a party can be).
  PartyList: 'LookupAttributeMetadata',
};

/** Kinds whose AttributeType is `Virtual` (AttributeTypeName tells them apart). */
const VIRTUAL_KINDS = new Set<AttributeKind>(['MultiSelectPicklist', 'Image', 'File', 'Virtual']);

/** The derived types a request may cast to (`AttributeMetadata` is the base, not a cast). */
export const CASTS = new Set(Object.values(CAST_NAMES).filter((name) => name !== 'AttributeMetadata'));

/** The AttributeTypeName of a kind (`StringType`, `MultiSelectPicklistType`, `ImageType`…). */
function typeName(kind: AttributeKind): string {
  return kind === 'Uniqueidentifier' ? 'UniqueidentifierType' : `${kind}Type`;
}

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
      return {
        MaxLength: attribute.maxLength,
        DatabaseLength: (attribute.maxLength ?? 0) * 2,
        Format: attribute.format === 'RichText' ? 'RichText' : 'TextArea',
        FormatName: { Value: attribute.format ?? 'TextArea' },
        ImeMode: 'Auto',
        IsLocalizable: false,
      };
    case 'Image':
      // image-column-data.md: thumbnails are 144 × 144; full images up to MaxSizeInKB when CanStoreFullImage.
      return { MaxHeight: 144, MaxWidth: 144, MaxSizeInKB: 10240, CanStoreFullImage: true, IsPrimaryImage: attribute.isPrimaryImage === true };
    case 'File':
      return { MaxSizeInKB: 32768 };
    case 'ManagedProperty':
      return { ManagedPropertyLogicalName: attribute.logicalName, ParentAttributeName: null, ParentComponentType: 0, ValueAttributeTypeCode: 'Boolean' };
    case 'PartyList':
      return { Targets: attribute.targets ?? [], Format: 'None' };
    case 'Integer':
      return { MinValue: attribute.minValue ?? null, MaxValue: attribute.maxValue ?? null, Format: attribute.integerFormat ?? 'None' };
    case 'BigInt':
      // BigIntAttributeMetadata has no Format (bigintattributemetadata reference).
      return { MinValue: attribute.minValue ?? null, MaxValue: attribute.maxValue ?? null };
    case 'Decimal':
    case 'Double':
      return { MinValue: attribute.minValue ?? null, MaxValue: attribute.maxValue ?? null, Precision: attribute.precision ?? 2, ImeMode: 'Auto' };
    case 'Money':
      return {
        MinValue: attribute.minValue ?? null,
        MaxValue: attribute.maxValue ?? null,
        Precision: attribute.precision ?? 2,
        PrecisionSource: attribute.precisionSource ?? 2,
        IsBaseCurrency: attribute.attributeOf !== undefined,
        CalculationOf: attribute.attributeOf ?? null,
        ImeMode: 'Auto',
      };
    case 'Boolean':
      return { DefaultValue: attribute.booleanDefault === true };
    case 'DateTime':
      return {
        // Format says how forms show the value; DateTimeBehavior how it is stored (lastusedincampaign: DateOnly + UserLocal).
        Format: attribute.dateFormat ?? (attribute.dateBehavior === 'DateOnly' ? 'DateOnly' : 'DateAndTime'),
        DateTimeBehavior: { Value: attribute.dateBehavior ?? 'UserLocal' },
        CanChangeDateTimeBehavior: { Value: attribute.isCustom, CanBeChanged: false, ManagedPropertyLogicalName: 'canchangedatetimebehavior' },
        ImeMode: 'Auto',
      };
    case 'Lookup':
    case 'Customer':
      return { Targets: Object.keys(attribute.navigation ?? {}), Format: 'None' };
    case 'Owner':
      return { Targets: attribute.targets ?? ['systemuser', 'team'], Format: 'None' };
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
  return {
    '@odata.type': `#Microsoft.Dynamics.CRM.${CAST_NAMES[attribute.kind]}`,
    MetadataId: attribute.metadataId,
    HasChanged: null,
    LogicalName: attribute.logicalName,
    SchemaName: attribute.schemaName,
    EntityLogicalName: table.logicalName,
    AttributeType: VIRTUAL_KINDS.has(attribute.kind) ? 'Virtual' : attribute.kind,
    AttributeTypeName: { Value: typeName(attribute.kind) },
    AttributeOf: attribute.attributeOf ?? null,
    IsCustomAttribute: attribute.isCustom,
    IsPrimaryId: attribute.isPrimaryId === true,
    IsPrimaryName: attribute.isPrimaryName === true,
    IsLogical: false,
    IsValidForCreate: attribute.validForCreate,
    IsValidForUpdate: attribute.validForUpdate,
    IsValidForRead: attribute.validForRead !== false,
    // Party lists and companions are no property of the row in the Web API (parties are activityparty
    // rows; a lookup's name comes as the FormattedValue annotation of `_x_value`).
    IsValidODataAttribute: attribute.validForOData ?? attribute.kind !== 'PartyList',
    IsManaged: !attribute.isCustom,
    IsSearchable: attribute.kind === 'String',
    IsFilterable: true,
    IsRetrievable: true,
    ExternalName: null,
    IntroducedVersion: '1.0',
    DisplayName: labelJson(attribute.displayName, `${attribute.metadataId}.display`),
    Description: EMPTY_LABEL,
    RequiredLevel: { Value: attribute.requiredLevel, CanBeChanged: !attribute.isPrimaryId, ManagedPropertyLogicalName: 'canmodifyrequirementlevelsettings' },
    SourceType: attribute.sourceType ?? 0,
    AutoNumberFormat: attribute.autoNumberFormat ?? null,
  };
}
