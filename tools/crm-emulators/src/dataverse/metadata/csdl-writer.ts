import { edmTypeOf } from '../odata/literal-coercion';
import { CASTS } from './attribute-json';
import { hasProperty, propertyName, type MetadataRegistry } from './metadata-registry';
import type { AttributeDef, TableDef } from './metadata-types';

/**
 * The CSDL service document (`$metadata`): entity types with keys, properties (lookups as
 * `_<name>_value` Edm.Guid) and single-valued navigation properties with referential constraints, the
 * entity container, and with `?annotations=true` the `Org.OData.Capabilities.V1.ChangeTracking`
 * annotation on change-tracked entity sets (web-api-service-documents.md).
 */
function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function propertyXml(attribute: AttributeDef): string {
  const edm = edmTypeOf(attribute);
  const facets = edm === 'Edm.Decimal' ? ' Scale="Variable"' : edm === 'Edm.String' ? ' Unicode="false"' : '';
  return `<Property Name="${propertyName(attribute)}" Type="${edm}"${facets}/>`;
}

/** Single-valued navigation properties (to emulated tables only: the document must stay self-contained). */
function navigationXml(registry: MetadataRegistry, attribute: AttributeDef): string[] {
  return Object.entries(attribute.navigation ?? {}).flatMap(([target, nav]) => {
    const referenced = registry.findTable(target);
    if (!referenced) return [];
    return [
      [
        `<NavigationProperty Name="${nav}" Type="mscrm.${typeName(referenced)}" Nullable="false">`,
        `<ReferentialConstraint Property="${propertyName(attribute)}" ReferencedProperty="${referenced.primaryIdAttribute}"/>`,
        '</NavigationProperty>',
      ].join(''),
    ];
  });
}

/** The entity type of a table (`owner`'s is `principal`, which `systemuser` and `team` derive from). */
function typeName(table: TableDef): string {
  return table.entityTypeName ?? table.logicalName;
}

function entityTypeXml(registry: MetadataRegistry, table: TableDef): string {
  const lines = [`<EntityType Name="${typeName(table)}" BaseType="mscrm.crmbaseentity">`, `<Key><PropertyRef Name="${table.primaryIdAttribute}"/></Key>`];
  for (const attribute of table.attributes) if (hasProperty(attribute)) lines.push(propertyXml(attribute));
  for (const attribute of table.attributes) lines.push(...navigationXml(registry, attribute));
  lines.push('</EntityType>');
  return lines.join('\n');
}

function entitySetXml(registry: MetadataRegistry, table: TableDef, annotations: boolean): string {
  const bindings = table.attributes.flatMap((a) =>
    Object.entries(a.navigation ?? {}).flatMap(([target, nav]) => {
      const referenced = registry.findTable(target);
      return referenced ? [`<NavigationPropertyBinding Path="${nav}" Target="${referenced.entitySetName}"/>`] : [];
    }),
  );
  const changeTracking =
    annotations && table.changeTracking
      ? '<Annotation Term="Org.OData.Capabilities.V1.ChangeTracking"><Record><PropertyValue Property="Supported" Bool="true"/></Record></Annotation>'
      : '';
  return `<EntitySet Name="${table.entitySetName}" EntityType="Microsoft.Dynamics.CRM.${typeName(table)}">${bindings.join('')}${changeTracking}</EntitySet>`;
}

const METADATA_TYPES = [
  '<ComplexType Name="Label"><Property Name="LocalizedLabels" Type="Collection(mscrm.LocalizedLabel)"/><Property Name="UserLocalizedLabel" Type="mscrm.LocalizedLabel"/></ComplexType>',
  '<ComplexType Name="LocalizedLabel"><Property Name="Label" Type="Edm.String"/><Property Name="LanguageCode" Type="Edm.Int32"/></ComplexType>',
  '<ComplexType Name="WhoAmIResponse"><Property Name="BusinessUnitId" Type="Edm.Guid" Nullable="false"/><Property Name="UserId" Type="Edm.Guid" Nullable="false"/><Property Name="OrganizationId" Type="Edm.Guid" Nullable="false"/></ComplexType>',
  '<EntityType Name="MetadataBase" Abstract="true"><Key><PropertyRef Name="MetadataId"/></Key><Property Name="MetadataId" Type="Edm.Guid" Nullable="false"/><Property Name="HasChanged" Type="Edm.Boolean"/></EntityType>',
  '<EntityType Name="EntityMetadata" BaseType="mscrm.MetadataBase"><Property Name="LogicalName" Type="Edm.String"/><Property Name="EntitySetName" Type="Edm.String"/><Property Name="PrimaryIdAttribute" Type="Edm.String"/><Property Name="PrimaryNameAttribute" Type="Edm.String"/><Property Name="ChangeTrackingEnabled" Type="Edm.Boolean"/><NavigationProperty Name="Attributes" Type="Collection(mscrm.AttributeMetadata)"/><NavigationProperty Name="Keys" Type="Collection(mscrm.EntityKeyMetadata)"/></EntityType>',
  '<EntityType Name="EntityKeyMetadata" BaseType="mscrm.MetadataBase"><Property Name="LogicalName" Type="Edm.String"/><Property Name="KeyAttributes" Type="Collection(Edm.String)"/></EntityType>',
  '<EntityType Name="AttributeMetadata" BaseType="mscrm.MetadataBase"><Property Name="LogicalName" Type="Edm.String"/><Property Name="AttributeType" Type="Edm.String"/></EntityType>',
  '<EntityType Name="EnumAttributeMetadata" BaseType="mscrm.AttributeMetadata" Abstract="true"><NavigationProperty Name="OptionSet" Type="mscrm.OptionSetMetadataBase"/><NavigationProperty Name="GlobalOptionSet" Type="mscrm.OptionSetMetadataBase"/></EntityType>',
  '<EntityType Name="OptionSetMetadataBase" BaseType="mscrm.MetadataBase" Abstract="true"><Property Name="Name" Type="Edm.String"/><Property Name="IsGlobal" Type="Edm.Boolean"/></EntityType>',
  '<EntityType Name="OptionSetMetadata" BaseType="mscrm.OptionSetMetadataBase"/>',
  '<EntityType Name="BooleanOptionSetMetadata" BaseType="mscrm.OptionSetMetadataBase"/>',
  ...[...CASTS].map((name) => {
    const base = ['PicklistAttributeMetadata', 'MultiSelectPicklistAttributeMetadata', 'StateAttributeMetadata', 'StatusAttributeMetadata'].includes(name)
      ? 'EnumAttributeMetadata'
      : 'AttributeMetadata';
    return name === 'BooleanAttributeMetadata'
      ? `<EntityType Name="${name}" BaseType="mscrm.AttributeMetadata"><NavigationProperty Name="OptionSet" Type="mscrm.BooleanOptionSetMetadata"/><NavigationProperty Name="GlobalOptionSet" Type="mscrm.BooleanOptionSetMetadata"/></EntityType>`
      : `<EntityType Name="${name}" BaseType="mscrm.${base}"/>`;
  }),
  '<Function Name="WhoAmI"><ReturnType Type="mscrm.WhoAmIResponse" Nullable="false"/></Function>',
];

export function writeCsdl(registry: MetadataRegistry, annotations: boolean): string {
  const tables = registry.allTables();
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">',
    '<edmx:DataServices>',
    '<Schema Namespace="Microsoft.Dynamics.CRM" Alias="mscrm" xmlns="http://docs.oasis-open.org/odata/ns/edm">',
    '<EntityType Name="crmbaseentity" Abstract="true"/>',
    ...tables.map((t) => entityTypeXml(registry, t)),
    ...METADATA_TYPES,
    '<EntityContainer Name="System">',
    ...tables.map((t) => entitySetXml(registry, t, annotations)),
    '<EntitySet Name="EntityDefinitions" EntityType="Microsoft.Dynamics.CRM.EntityMetadata"/>',
    '<EntitySet Name="GlobalOptionSetDefinitions" EntityType="Microsoft.Dynamics.CRM.OptionSetMetadataBase"/>',
    '<FunctionImport Name="WhoAmI" Function="Microsoft.Dynamics.CRM.WhoAmI"/>',
    '</EntityContainer>',
    '</Schema>',
    '</edmx:DataServices>',
    '</edmx:Edmx>',
  ]
    .map((line) => line.replace(/Name="([^"]*)"/g, (_m, n: string) => `Name="${escape(n)}"`))
    .join('\n');
}
