import { AccountsService } from '@crm-hub/accounts';
import { createDataTable, dialectOf, dropDataTable, existingTableNames } from '@crm-hub/persistence';
import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { type DataSource, In, type Repository } from 'typeorm';
import { CrmSchemaEntity } from './crm-schema.entity';
import { CrmCatalogService } from './discovery/crm-catalog.service';
import type { GenerateSchemasDto } from './dto/generate-schemas.dto';
import type { SchemaView } from './dto/schema.view';
import { EnumerationDirectory } from './enumeration-directory';
import { describeFingerprint, expandSelection, planFields } from './planning/column-plan';
import { toFieldEntity } from './planning/field-entities';
import { tableNameFor } from './naming/hub-names';
import { toSchemaView } from './schema-views';
import { SchemaUsageRegistry } from './schema-usage.registry';

/**
 * Hub data schemas: from the objects (and fields) an operator selects, a real table per object in
 * the hub's database, and the stored mapping of CRM fields to columns. Everything is checked first;
 * the tables and their descriptions are then created in one transaction.
 */
@Injectable()
export class SchemasService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(CrmSchemaEntity) private readonly schemas: Repository<CrmSchemaEntity>,
    private readonly accounts: AccountsService,
    private readonly catalog: CrmCatalogService,
    private readonly enumerations: EnumerationDirectory,
    private readonly usage: SchemaUsageRegistry,
  ) {}

  async list(accountId?: string): Promise<SchemaView[]> {
    const all = await this.schemas.find({ where: accountId ? { accountId } : {}, relations: { fields: true }, order: { tableName: 'ASC' } });
    return this.views(all);
  }

  async get(id: string): Promise<SchemaView> {
    const [view] = await this.views([await this.findEntity(id)]);
    return view as SchemaView;
  }

  async findEntity(id: string): Promise<CrmSchemaEntity> {
    const schema = await this.schemas.findOne({ where: { id }, relations: { fields: true } });
    if (!schema) throw new NotFoundException(`No schema has id '${id}'`);
    return schema;
  }

  async generate(accountId: string, dto: GenerateSchemasDto): Promise<SchemaView[]> {
    const account = await this.accounts.findEntity(accountId);
    this.assertNoDuplicates(dto);
    const described = await this.catalog.describeMany(accountId, dto.objects.map((o) => o.name), false);
    await this.assertNotGenerated(accountId, described.map((d) => d.object.name));
    const selections = dto.objects.map((selection, i) => {
      const { object } = described[i] as (typeof described)[number];
      const unknown = (selection.fields ?? []).filter((name) => !object.fields.some((f) => f.name === name));
      if (unknown.length) {
        throw new NotFoundException({
          message: `Object '${object.name}' has no field ${unknown.map((n) => `'${n}'`).join(', ')} (see GET /api/accounts/${accountId}/objects/${object.name})`,
          errors: unknown.map((name) => ({ field: `objects[${i}].fields`, message: `'${name}' is not a field of ${object.name}` })),
        });
      }
      return expandSelection(object, selection.fields ?? object.fields.map((f) => f.name));
    });

    const created = await this.dataSource.transaction(async (manager) => {
      const runner = manager.queryRunner ?? this.dataSource.createQueryRunner();
      const dialect = dialectOf(this.dataSource);
      const takenTables = new Set(await existingTableNames(runner, dialect));
      const result: CrmSchemaEntity[] = [];
      for (const [i, selection] of dto.objects.entries()) {
        const { object, enums } = described[i] as (typeof described)[number];
        const planned = planFields(object, selections[i] as string[], enums, new Set());
        const schema = Object.assign(new CrmSchemaEntity(), {
          id: randomUUID(),
          accountId,
          objectName: object.name,
          objectLabel: object.label,
          tableName: tableNameFor(account.name, object.name, takenTables),
          idField: object.idField,
          cursorField: object.cursorField ?? null,
          incremental: object.incremental,
          selection: selection.fields ? 'explicit' : 'all',
          fingerprint: describeFingerprint(object, enums),
          createdAt: new Date(),
          updatedAt: new Date(),
        });
        schema.fields = planned.map((p, position) => toFieldEntity(schema.id, p, position));
        await createDataTable(
          runner,
          dialect,
          schema.tableName,
          planned.flatMap((p) => (p.column && p.columnType ? [{ name: p.column, type: p.columnType }] : [])),
        );
        result.push(await manager.save(schema));
      }
      return result;
    });
    return this.views(created);
  }

  /**
   * Deletes a schema (its description and field list); the table and its data stay unless
   * `dropTable` is asked for explicitly. Refused (409) while sync jobs use the schema.
   */
  async remove(id: string, dropTable: boolean): Promise<void> {
    const schema = await this.findEntity(id);
    const users = await this.usage.usersOf(id);
    if (users.length) {
      throw new ConflictException(`Schema '${schema.objectName}' (${schema.tableName}) is used by ${users.join(', ')}: delete those first`);
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(CrmSchemaEntity, { id });
      if (dropTable) await dropDataTable(manager.queryRunner ?? this.dataSource.createQueryRunner(), schema.tableName);
    });
  }

  private assertNoDuplicates(dto: GenerateSchemasDto): void {
    const seen = new Set<string>();
    const errors = dto.objects.flatMap((o, i) => {
      if (seen.has(o.name.toLowerCase())) return [{ field: `objects[${i}].name`, message: `'${o.name}' is selected twice` }];
      seen.add(o.name.toLowerCase());
      return [];
    });
    if (errors.length) throw new BadRequestException({ message: 'An object is selected twice', errors });
  }

  private async assertNotGenerated(accountId: string, objectNames: string[]): Promise<void> {
    const [existing] = await this.schemas.findBy({ accountId, objectName: In(objectNames) });
    if (existing) {
      throw new ConflictException(
        `Object '${existing.objectName}' of this account already has a schema (${existing.id}, table ${existing.tableName}): ` +
          `to follow CRM changes use GET /api/schemas/${existing.id}/drift and POST /api/schemas/${existing.id}/apply-drift`,
      );
    }
  }

  private async views(schemas: CrmSchemaEntity[]): Promise<SchemaView[]> {
    const ids = [...new Set(schemas.flatMap((s) => s.fields.map((f) => f.enumerationId).filter((id): id is string => !!id)))];
    const names = await this.enumerations.names(ids);
    return schemas.map((s) => toSchemaView(s, names));
  }
}
