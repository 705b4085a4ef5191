import { randomUUID } from 'node:crypto';
import { CrmSchemaFieldEntity } from '../crm-schema-field.entity';
import type { PlannedField } from './column-plan';

/** The stored description of a planned field (the schema's field list). */
export function toFieldEntity(schemaId: string, planned: PlannedField, position: number): CrmSchemaFieldEntity {
  const { field } = planned;
  return Object.assign(new CrmSchemaFieldEntity(), {
    id: randomUUID(),
    schemaId,
    fieldName: field.name,
    label: field.label,
    columnName: planned.column,
    columnType: planned.columnType,
    canonicalType: field.type,
    nativeType: field.nativeType.slice(0, 64),
    length: field.length ?? null,
    precision: field.precision ?? null,
    scale: field.scale ?? null,
    nullable: field.nullable,
    createable: field.createable,
    updateable: field.updateable,
    externalId: field.externalId,
    isUnique: field.unique,
    computed: field.computed === true,
    referenceTo: field.referenceTo ?? null,
    crmEnumId: field.enumId ?? null,
    enumFingerprint: planned.enumFingerprint,
    enumSnapshot: planned.enumSnapshot,
    enumerationId: null,
    compoundOf: planned.compoundOf,
    components: field.components ?? null,
    position,
    active: true,
    removedAt: null,
  });
}
