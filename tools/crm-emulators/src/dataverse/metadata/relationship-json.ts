import type { MetadataRegistry } from './metadata-registry';
import { stableGuid, type AttributeDef, type TableDef } from './metadata-types';

/** One lookup-to-target pair, seen from either side. */
export interface OneToMany {
  referencing: TableDef;
  attribute: AttributeDef;
  /** The referenced table (only its name and key when the emulator does not model it: `sla`, `territory`…). */
  referenced: Pick<TableDef, 'logicalName' | 'primaryIdAttribute'>;
  schemaName: string;
  navigation: string;
}

/**
 * Every one-to-many relationship of the environment: one per lookup column and target table,
 * including lookups to tables the emulator does not model (their rows cannot be bound).
 */
export function allRelationships(registry: MetadataRegistry): OneToMany[] {
  const found: OneToMany[] = [];
  for (const referencing of registry.allTables()) {
    for (const attribute of referencing.attributes) {
      for (const [target, navigation] of Object.entries(attribute.navigation ?? {})) {
        const referenced = registry.findTable(target) ?? { logicalName: target, primaryIdAttribute: `${target}id` };
        const schemaName = attribute.relationships?.[target];
        if (schemaName) found.push({ referencing, attribute, referenced, schemaName, navigation });
      }
    }
  }
  return found;
}

/**
 * OneToManyRelationshipMetadata, as `EntityDefinitions(…)/ManyToOneRelationships`,
 * `…/OneToManyRelationships` and `RelationshipDefinitions` return it: the referencing lookup, the
 * referenced table and key, and both navigation property names (the single-valued one is what
 * `@odata.bind` must name). Cascades are described with the platform's defaults for custom
 * relationships; the emulator does not apply them.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/onetomanyrelationshipmetadata
 */
export function relationshipJson(relationship: OneToMany): Record<string, unknown> {
  const { referencing, attribute, referenced, schemaName, navigation } = relationship;
  const custom = attribute.isCustom;
  return {
    '@odata.type': '#Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata',
    MetadataId: stableGuid(`relationship:${schemaName}`),
    HasChanged: null,
    SchemaName: schemaName,
    RelationshipType: 'OneToManyRelationship',
    IsCustomRelationship: custom,
    IsManaged: !custom,
    IsValidForAdvancedFind: true,
    IsHierarchical: referencing.logicalName === referenced.logicalName,
    SecurityTypes: 'Append',
    IntroducedVersion: '1.0',
    ReferencedAttribute: referenced.primaryIdAttribute,
    ReferencedEntity: referenced.logicalName,
    ReferencingAttribute: attribute.logicalName,
    ReferencingEntity: referencing.logicalName,
    ReferencedEntityNavigationPropertyName: schemaName,
    ReferencingEntityNavigationPropertyName: navigation,
    RelationshipBehavior: 0,
    IsCustomizable: { Value: true, CanBeChanged: custom, ManagedPropertyLogicalName: 'iscustomizable' },
    CascadeConfiguration: {
      Assign: 'NoCascade',
      Delete: 'RemoveLink',
      Merge: 'NoCascade',
      Reparent: 'NoCascade',
      Share: 'NoCascade',
      Unshare: 'NoCascade',
      RollupView: 'NoCascade',
    },
  };
}
