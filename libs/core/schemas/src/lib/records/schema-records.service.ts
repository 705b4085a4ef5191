import { dialectOf, quoteIdentifier } from '@crm-hub/persistence';
import { type FilterExpr, type FilterProblem, validateFilter } from '@crm-hub/plugin-sdk';
import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CrmSchemaFieldEntity } from '../crm-schema-field.entity';
import type { RecordsQueryDto } from '../dto/records-query.dto';
import { EnumerationDirectory } from '../enumeration-directory';
import { SchemasService } from '../schemas.service';
import { filterToSql, SqlParams } from './filter-sql';
import { convertFilter } from './filter-values';
import { ensureSqliteFunctions } from './sqlite-functions';
import { fromColumn } from './record-values';

/** One row of a generated table, keyed by CRM field names, with enumeration labels next to values. */
export interface RecordView {
  hubId: string;
  crmId: string | null;
  crmModifiedAt: string | null;
  hubUpdatedAt: string;
  hubOrigin: 'crm' | 'hub';
  hubDeletedAt: string | null;
  values: Record<string, unknown>;
  labels: Record<string, string | (string | null)[] | null>;
}

export interface RecordsPage {
  records: RecordView[];
  /** Pass as `after` for the next page; null on the last one. */
  next: string | null;
}

/** Browsing what was synced into a schema's table: paged by hub id, filtered by the canonical filter. */
@Injectable()
export class SchemaRecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly schemas: SchemasService,
    private readonly enumerations: EnumerationDirectory,
  ) {}

  async browse(schemaId: string, query: RecordsQueryDto): Promise<RecordsPage> {
    const schema = await this.schemas.findEntity(schemaId);
    const columns = schema.fields.filter((f) => f.columnName);
    const fields = new Map(columns.map((f) => [f.fieldName, f]));
    const filter = this.parseFilter(query.filter, fields);
    const dialect = dialectOf(this.dataSource);
    if (dialect === 'sqlite') ensureSqliteFunctions(this.dataSource);
    const params = new SqlParams(dialect);
    const where = [
      ...(query.includeDeleted ? [] : ['"hub_deleted_at" IS NULL']),
      ...(query.after ? [`"hub_id" > ${params.add(Number(query.after))}`] : []),
      ...(filter ? [filterToSql(filter, fields, params, dialect)] : []),
    ];
    const limit = query.limit ?? 50;
    const sql =
      `SELECT * FROM ${quoteIdentifier(schema.tableName)}` +
      (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
      ` ORDER BY "hub_id" LIMIT ${params.add(limit)}`;
    const rows = (await this.dataSource.query(sql, params.values)) as Record<string, unknown>[];
    const labels = await this.enumerations.labels([...new Set(columns.map((f) => f.enumerationId).filter((id): id is string => !!id))]);
    const records = rows.map((row) => toRecordView(row, columns, labels));
    return { records, next: records.length === limit ? (records[records.length - 1]?.hubId ?? null) : null };
  }

  /** The filter as JSON, checked against the fields and converted to their column types; 400 naming each bad node. */
  private parseFilter(text: string | undefined, fields: Map<string, CrmSchemaFieldEntity>): FilterExpr | undefined {
    if (text === undefined || text.trim() === '') return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new BadRequestException({ message: 'filter must be JSON', errors: [{ field: 'filter', message: 'is not valid JSON' }] });
    }
    const problems = validateFilter(parsed, { fields: [...fields.keys()] });
    if (problems.length) throw filterProblems(problems, 'The filter is not valid for this schema (fields are CRM field names, see GET /api/schemas/:id)');
    const converted = convertFilter(parsed as FilterExpr, fields);
    if (converted.problems.length) {
      throw filterProblems(converted.problems, "The filter's values or operators do not fit the fields' types (see GET /api/schemas/:id)");
    }
    return converted.filter;
  }
}

function filterProblems(problems: FilterProblem[], message: string): BadRequestException {
  return new BadRequestException({
    message,
    errors: problems.map((p) => ({ field: p.path ? `filter.${p.path}` : 'filter', message: p.message })),
  });
}

function toRecordView(row: Record<string, unknown>, columns: CrmSchemaFieldEntity[], labels: Map<string, Map<string, string>>): RecordView {
  const values: Record<string, unknown> = {};
  const shown: RecordView['labels'] = {};
  for (const f of columns) {
    const value = fromColumn(row[f.columnName as string], f.columnType);
    values[f.fieldName] = value;
    const names = f.enumerationId ? labels.get(f.enumerationId) : undefined;
    if (names && value !== null) {
      shown[f.fieldName] = Array.isArray(value) ? value.map((v) => names.get(String(v)) ?? null) : (names.get(String(value)) ?? null);
    }
  }
  const instant = (v: unknown) => (v === null || v === undefined ? null : fromColumn(v, { kind: 'timestamp' }) as string);
  return {
    hubId: String(row['hub_id']),
    crmId: (row['crm_id'] as string | null) ?? null,
    crmModifiedAt: instant(row['crm_modified_at']),
    hubUpdatedAt: instant(row['hub_updated_at']) as string,
    hubOrigin: row['hub_origin'] as 'crm' | 'hub',
    hubDeletedAt: instant(row['hub_deleted_at']),
    values,
    labels: shown,
  };
}
