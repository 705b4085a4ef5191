import { describeColumnType } from '@crm-hub/persistence';
import type { CrmSchemaFieldEntity } from './crm-schema-field.entity';
import type { CrmSchemaEntity } from './crm-schema.entity';
import type { SchemaFieldView, SchemaView } from './dto/schema.view';

/** The API's view of a schema; `enumerationNames` maps bound enumeration ids to their names. */
export function toSchemaView(schema: CrmSchemaEntity, enumerationNames: Map<string, string>): SchemaView {
  return {
    id: schema.id,
    accountId: schema.accountId,
    object: schema.objectName,
    label: schema.objectLabel,
    table: schema.tableName,
    idField: schema.idField,
    cursorField: schema.cursorField,
    incremental: schema.incremental,
    selection: schema.selection,
    fingerprint: schema.fingerprint,
    createdAt: schema.createdAt.toISOString(),
    updatedAt: schema.updatedAt.toISOString(),
    fields: [...schema.fields].sort((a, b) => a.position - b.position).map((f) => toFieldView(f, enumerationNames)),
  };
}

function toFieldView(f: CrmSchemaFieldEntity, enumerationNames: Map<string, string>): SchemaFieldView {
  const enumeration = f.enumerationId ? enumerationNames.get(f.enumerationId) : undefined;
  return {
    name: f.fieldName,
    label: f.label,
    column: f.columnName,
    type: f.canonicalType,
    nativeType: f.nativeType,
    columnType: f.columnType ? describeColumnType(f.columnType) : null,
    ...(f.length !== null ? { length: f.length } : {}),
    ...(f.precision !== null ? { precision: f.precision } : {}),
    ...(f.scale !== null ? { scale: f.scale } : {}),
    nullable: f.nullable,
    createable: f.createable,
    updateable: f.updateable,
    externalId: f.externalId,
    unique: f.isUnique,
    computed: f.computed,
    ...(f.referenceTo ? { referenceTo: f.referenceTo } : {}),
    ...(f.crmEnumId ? { picklist: f.crmEnumId } : {}),
    ...(enumeration ? { enumeration } : {}),
    ...(f.compoundOf ? { compoundOf: f.compoundOf } : {}),
    ...(f.components ? { components: f.components } : {}),
    active: f.active,
    ...(f.removedAt ? { removedAt: f.removedAt.toISOString() } : {}),
  };
}
