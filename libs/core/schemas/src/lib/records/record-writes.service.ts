import { dialectOf, quoteIdentifier, SqlParams } from '@crm-hub/persistence';
import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CrmSchemaEntity } from '../crm-schema.entity';
import { SchemasService } from '../schemas.service';
import { toColumnValue } from './column-values';

/** What a write sets: column → stored value. */
type Assignments = Map<string, unknown>;

/**
 * Writes to a schema's table through the API, as the platform does with plain SQL: each value is
 * checked against its column (400 naming the field, nothing written), and change capture in the
 * database marks the row for export jobs. Deleting soft-deletes (`hub_deleted_at`), so that a
 * delete job can remove the record from the CRM; `hard` removes the row.
 */
@Injectable()
export class RecordWritesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly schemas: SchemasService,
  ) {}

  async create(schemaId: string, values: Record<string, unknown>): Promise<{ hubId: string }> {
    const schema = await this.schemas.findEntity(schemaId);
    const set = this.assignments(schema, values, { requireSome: true });
    const params = new SqlParams(dialectOf(this.dataSource));
    const columns = ['hub_updated_at', ...set.keys()];
    const placeholders = [params.add(new Date().toISOString()), ...[...set.values()].map((v) => params.add(v))];
    const rows = (await this.dataSource.query(
      `INSERT INTO ${quoteIdentifier(schema.tableName)} (${columns.map(quoteIdentifier).join(', ')}) VALUES (${placeholders.join(', ')}) RETURNING "hub_id"`,
      params.values,
    )) as { hub_id: number | string }[];
    return { hubId: String(rows[0]?.hub_id) };
  }

  async update(schemaId: string, hubId: string, values: Record<string, unknown>): Promise<void> {
    const schema = await this.schemas.findEntity(schemaId);
    const set = this.assignments(schema, values, { requireSome: false });
    if (set.size === 0) return this.assertExists(schema, hubId);
    const params = new SqlParams(dialectOf(this.dataSource));
    const assignments = [...set].map(([column, value]) => `${quoteIdentifier(column)} = ${params.add(value)}`);
    assignments.push(`"hub_updated_at" = ${params.add(new Date().toISOString())}`);
    const changed = await this.run(`UPDATE ${quoteIdentifier(schema.tableName)} SET ${assignments.join(', ')} WHERE "hub_id" = ${params.add(this.rowId(hubId))} RETURNING "hub_id"`, params);
    if (!changed) throw this.notFound(schema, hubId);
  }

  async remove(schemaId: string, hubId: string, hard: boolean): Promise<void> {
    const schema = await this.schemas.findEntity(schemaId);
    const params = new SqlParams(dialectOf(this.dataSource));
    const table = quoteIdentifier(schema.tableName);
    const sql = hard
      ? `DELETE FROM ${table} WHERE "hub_id" = ${params.add(this.rowId(hubId))} RETURNING "hub_id"`
      : `UPDATE ${table} SET "hub_deleted_at" = COALESCE("hub_deleted_at", ${params.add(new Date().toISOString())}) WHERE "hub_id" = ${params.add(this.rowId(hubId))} RETURNING "hub_id"`;
    if (!(await this.run(sql, params))) throw this.notFound(schema, hubId);
  }

  /** Every value checked against its column before anything is written; all problems at once. */
  private assignments(schema: CrmSchemaEntity, values: Record<string, unknown>, options: { requireSome: boolean }): Assignments {
    const problems: { field: string; message: string }[] = [];
    const set: Assignments = new Map();
    const dialect = dialectOf(this.dataSource);
    for (const [name, value] of Object.entries(values)) {
      const field = schema.fields.find((f) => f.fieldName === name && f.columnName && f.columnType);
      if (!field) {
        problems.push({ field: `values.${name}`, message: `'${name}' is not a field with a column in ${schema.objectName} (see GET /api/schemas/${schema.id})` });
        continue;
      }
      const target = { field: name, column: field.columnName as string, type: field.columnType as NonNullable<typeof field.columnType>, canonicalType: field.canonicalType, conversion: 'default' as const };
      const stored = toColumnValue(value, target, dialect, 'UTC');
      if (stored.ok) set.set(target.column, stored.value);
      else problems.push({ field: `values.${name}`, message: stored.reason });
    }
    if (options.requireSome && Object.keys(values).length === 0) problems.push({ field: 'values', message: 'give at least one field' });
    if (problems.length) throw new BadRequestException({ message: 'The record has invalid values (see errors); nothing was written', errors: problems });
    return set;
  }

  private async assertExists(schema: CrmSchemaEntity, hubId: string): Promise<void> {
    const params = new SqlParams(dialectOf(this.dataSource));
    if (!(await this.run(`SELECT "hub_id" FROM ${quoteIdentifier(schema.tableName)} WHERE "hub_id" = ${params.add(this.rowId(hubId))}`, params))) {
      throw this.notFound(schema, hubId);
    }
  }

  /** Whether the statement returned a row. Structured: TypeORM's PostgreSQL driver answers an UPDATE or DELETE as `[rows, count]`. */
  private async run(sql: string, params: SqlParams): Promise<boolean> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const result = await runner.query(sql, params.values, true);
      return result.records.length > 0;
    } finally {
      await runner.release();
    }
  }

  private rowId(hubId: string): number {
    if (!/^\d{1,15}$/.test(hubId)) throw new NotFoundException(`No record has hub id '${hubId}'`);
    return Number(hubId);
  }

  private notFound(schema: CrmSchemaEntity, hubId: string): NotFoundException {
    return new NotFoundException(`Table ${schema.tableName} has no record with hub id '${hubId}'`);
  }
}
