import type { KeyDef, TableDef } from './metadata-types';
import { EMPTY_LABEL, labelJson } from './option-set-json';

export function keyJson(table: TableDef, key: KeyDef): Record<string, unknown> {
  return {
    MetadataId: key.metadataId,
    HasChanged: null,
    LogicalName: key.logicalName,
    SchemaName: key.schemaName,
    EntityLogicalName: table.logicalName,
    KeyAttributes: key.attributes,
    EntityKeyIndexStatus: 'Active',
    AsyncJob: null,
    IsCustomizable: { Value: true, CanBeChanged: true, ManagedPropertyLogicalName: 'iscustomizable' },
    IsManaged: false,
    IntroducedVersion: '1.0',
    IsExportKey: false,
    IsSecondaryKey: false,
    DisplayName: labelJson(key.displayName, `${key.metadataId}.display`),
  };
}

/**
 * EntityMetadata JSON (the EntityDefinitions entity set): names, primary columns, change tracking and
 * keys, plus the flags clients commonly read.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/entitymetadata
 */
export function entityJson(table: TableDef): Record<string, unknown> {
  return {
    MetadataId: table.metadataId,
    HasChanged: null,
    LogicalName: table.logicalName,
    SchemaName: table.schemaName,
    EntitySetName: table.entitySetName,
    LogicalCollectionName: table.entitySetName,
    CollectionSchemaName: `${table.schemaName}s`,
    ObjectTypeCode: table.objectTypeCode,
    PrimaryIdAttribute: table.primaryIdAttribute,
    PrimaryNameAttribute: table.primaryNameAttribute || null,
    PrimaryImageAttribute: null,
    IsCustomEntity: table.isCustom,
    IsManaged: !table.isCustom,
    IsActivity: false,
    IsIntersect: table.isIntersect === true,
    IsLogicalEntity: false,
    IsPrivate: false,
    IsValidForAdvancedFind: true,
    IsOptimisticConcurrencyEnabled: true,
    OwnershipType: table.isIntersect ? 'None' : 'UserOwned',
    TableType: 'Standard',
    ChangeTrackingEnabled: table.changeTracking,
    CanChangeTrackingBeEnabled: { Value: true, CanBeChanged: !table.changeTracking, ManagedPropertyLogicalName: 'canchangetrackingbeenabled' },
    CanCreateAttributes: { Value: true, CanBeChanged: false, ManagedPropertyLogicalName: 'cancreateattributes' },
    IsCustomizable: { Value: true, CanBeChanged: true, ManagedPropertyLogicalName: 'iscustomizable' },
    IntroducedVersion: '1.0',
    DisplayName: labelJson(table.displayName, `${table.metadataId}.display`),
    DisplayCollectionName: labelJson(table.displayCollectionName, `${table.metadataId}.collection`),
    Description: EMPTY_LABEL,
  };
}
