import { ResourceRegistry } from '@crm-hub/access';
import { AccountUsageRegistry } from '@crm-hub/accounts';
import { type DynamicModule, Module, type ModuleMetadata, type OnModuleInit, Optional } from '@nestjs/common';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { CrmSchemaFieldEntity } from './crm-schema-field.entity';
import { CrmSchemaEntity } from './crm-schema.entity';
import { CrmCatalogService } from './discovery/crm-catalog.service';
import { DiscoveryController } from './discovery/discovery.controller';
import { SchemaDriftService } from './drift/schema-drift.service';
import { EnumerationDirectory } from './enumeration-directory';
import { SchemaRecordsService } from './records/schema-records.service';
import { RecordWritesService } from './records/record-writes.service';
import { SchemasController } from './schemas.controller';
import { SCHEMAS_OPTIONS, type SchemasOptions } from './schemas.options';
import { SchemasService } from './schemas.service';
import { SchemaUsageRegistry } from './schema-usage.registry';

/** Options of {@link SchemasModule.forRootAsync}. */
export interface SchemasModuleAsyncOptions {
  /** Must provide the accounts feature (AccountsModule) and the plugin registry. */
  imports: ModuleMetadata['imports'];
  inject?: unknown[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Nest injects providers positionally
  useFactory: (...args: any[]) => SchemasOptions | Promise<SchemasOptions>;
}

/** Discovery wizard, hub data schemas (real tables), drift, and record browsing. */
@Module({})
export class SchemasModule implements OnModuleInit {
  static readonly entities = [CrmSchemaEntity, CrmSchemaFieldEntity];

  constructor(
    private readonly usage: AccountUsageRegistry,
    @InjectRepository(CrmSchemaEntity) private readonly schemas: Repository<CrmSchemaEntity>,
    private readonly schemaViews: SchemasService,
    @Optional() private readonly resources?: ResourceRegistry,
  ) {}

  static forRootAsync(options: SchemasModuleAsyncOptions): DynamicModule {
    return {
      module: SchemasModule,
      imports: [...(options.imports ?? []), TypeOrmModule.forFeature(SchemasModule.entities)],
      controllers: [DiscoveryController, SchemasController],
      providers: [
        { provide: SCHEMAS_OPTIONS, inject: (options.inject ?? []) as never[], useFactory: options.useFactory },
        CrmCatalogService,
        SchemasService,
        SchemaDriftService,
        SchemaRecordsService,
        RecordWritesService,
        EnumerationDirectory,
        SchemaUsageRegistry,
      ],
      exports: [SchemasService, CrmCatalogService, EnumerationDirectory, SchemaUsageRegistry, TypeOrmModule],
    };
  }

  /** An account with schemas cannot be deleted: its tables would lose their owner. */
  onModuleInit(): void {
    this.usage.register({
      kind: 'schema',
      find: async (accountId) => (await this.schemas.findBy({ accountId })).map((s) => `${s.objectName} (${s.tableName})`),
    });
    this.resources?.register('schema', {
      ownerOf: async (id) => (await this.schemas.findOneBy({ id }))?.accountId,
      snapshot: (id) => this.schemaViews.get(id),
    });
  }
}
