import { addDataColumn, dialectOf, widenDataColumn } from '@crm-hub/persistence';
import type { CrmField } from '@crm-hub/plugin-sdk';
import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CrmSchemaFieldEntity } from '../crm-schema-field.entity';
import { CrmSchemaEntity } from '../crm-schema.entity';
import { CrmCatalogService } from '../discovery/crm-catalog.service';
import type { ApplyDriftDto } from '../dto/apply-drift.dto';
import type { SchemaView } from '../dto/schema.view';
import { columnTypeFor, describeFingerprint, enumFingerprint, enumSnapshot, planFields } from '../planning/column-plan';
import { toFieldEntity } from '../planning/field-entities';
import { SchemasService } from '../schemas.service';
import { compareWithCrm, type DriftReport, type RetypedField } from './drift-report';

/** What apply-drift changed, and what it left for a human. */
export interface ApplyDriftResult {
  added: string[];
  widened: string[];
  deactivated: string[];
  picklistsUpdated: string[];
  skipped: RetypedField[];
  schema: SchemaView;
}

/**
 * Schema drift: what changed in the CRM since the table was made, and applying it — new columns,
 * safely widened types, removed fields marked inactive with their data kept. Nothing is dropped,
 * and a change that could lose data is refused with an explanation.
 */
@Injectable()
export class SchemaDriftService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly schemas: SchemasService,
    private readonly catalog: CrmCatalogService,
  ) {}

  async report(schemaId: string): Promise<DriftReport> {
    const schema = await this.schemas.findEntity(schemaId);
    const { object, enums } = await this.catalog.describe(schema.accountId, schema.objectName, true);
    return compareWithCrm(schema, object, enums);
  }

  async apply(schemaId: string, dto: ApplyDriftDto): Promise<ApplyDriftResult> {
    const schema = await this.schemas.findEntity(schemaId);
    const { object, enums } = await this.catalog.describe(schema.accountId, schema.objectName, true);
    const report = compareWithCrm(schema, object, enums);
    const unsafe = report.retyped.filter((r) => !r.safe);
    if (unsafe.length && !dto.skipUnsafe) {
      throw new ConflictException({
        message: `${unsafe.length} type change(s) of ${schema.objectName} could lose data, so nothing was applied: see errors, then apply with skipUnsafe to apply the rest`,
        errors: unsafe.map((u) => ({ field: u.field, message: `${u.from} → ${u.to}: ${u.reason}` })),
      });
    }
    const addable = new Set(report.added.map((a) => a.field));
    const unknown = (dto.addFields ?? []).filter((name) => !addable.has(name));
    if (unknown.length) {
      throw new BadRequestException({
        message: 'addFields names fields that are not new in the CRM',
        errors: unknown.map((name) => ({ field: 'addFields', message: `'${name}' is not among the drift report's added fields` })),
      });
    }
    const toAdd = report.added.filter((a) => !dto.addFields || dto.addFields.includes(a.field)).map((a) => a.field);
    const byName = new Map(object.fields.map((f) => [f.name, f]));
    const result = { added: [] as string[], widened: [] as string[], deactivated: [] as string[], picklistsUpdated: [] as string[] };

    await this.dataSource.transaction(async (manager) => {
      const runner = manager.queryRunner ?? this.dataSource.createQueryRunner();
      const dialect = dialectOf(this.dataSource);
      const fields = new Map(schema.fields.map((f) => [f.fieldName, f]));
      const taken = new Set(schema.fields.map((f) => f.columnName).filter((c): c is string => !!c));
      const brandNew = toAdd.filter((name) => !fields.has(name));
      const planned = planFields(object, brandNew, enums, taken);
      let position = Math.max(-1, ...schema.fields.map((f) => f.position)) + 1;
      for (const p of planned) {
        if (p.column && p.columnType) await addDataColumn(runner, dialect, schema.tableName, { name: p.column, type: p.columnType });
        const entity = toFieldEntity(schema.id, p, position++);
        schema.fields.push(entity);
        fields.set(entity.fieldName, entity);
        result.added.push(entity.fieldName);
      }
      for (const name of toAdd.filter((n) => !brandNew.includes(n))) {
        const stored = fields.get(name) as CrmSchemaFieldEntity;
        stored.active = true;
        stored.removedAt = null;
        result.added.push(name);
      }
      for (const r of report.retyped.filter((x) => x.safe)) {
        const stored = fields.get(r.field) as CrmSchemaFieldEntity;
        const current = byName.get(r.field) as CrmField;
        const type = columnTypeFor(current);
        if (stored.columnName) await widenDataColumn(runner, dialect, schema.tableName, { name: stored.columnName, type });
        Object.assign(stored, { columnType: type, canonicalType: current.type, length: current.length ?? null, precision: current.precision ?? null, scale: current.scale ?? null });
        result.widened.push(r.field);
      }
      for (const r of report.removed) {
        const stored = fields.get(r.field) as CrmSchemaFieldEntity;
        Object.assign(stored, { active: false, removedAt: new Date() });
        result.deactivated.push(r.field);
      }
      for (const stored of schema.fields.filter((f) => f.active)) {
        const current = byName.get(stored.fieldName);
        if (!current) continue;
        // Descriptive metadata follows the CRM; types only as decided above.
        Object.assign(stored, { label: current.label, nullable: current.nullable, createable: current.createable, updateable: current.updateable, referenceTo: current.referenceTo ?? null, computed: current.computed === true });
        const fingerprint = enumFingerprint(current, enums);
        if (stored.crmEnumId !== (current.enumId ?? null) || stored.enumFingerprint !== fingerprint) {
          if (report.picklists.some((pl) => pl.field === stored.fieldName)) result.picklistsUpdated.push(stored.fieldName);
          Object.assign(stored, { crmEnumId: current.enumId ?? null, enumFingerprint: fingerprint, enumSnapshot: enumSnapshot(current, enums) });
        }
      }
      schema.fingerprint = describeFingerprint(object, enums);
      schema.updatedAt = new Date();
      await manager.save(CrmSchemaEntity, schema);
    });
    return { ...result, skipped: unsafe, schema: await this.schemas.get(schema.id) };
  }
}
