import { AccountUsageRegistry } from '@crm-hub/accounts';
import { type DynamicModule, Module, type ModuleMetadata, type OnModuleInit } from '@nestjs/common';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AccountPicklistsService } from './account-picklists.service';
import { EnumBindingEntity } from './enum-binding.entity';
import { EnumSyncService } from './enum-sync.service';
import { EnumerationValueEntity } from './enumeration-value.entity';
import { EnumerationEntity } from './enumeration.entity';
import { EnumerationsService } from './enumerations.service';
import { EnumsController } from './enums.controller';

/** Hub enumerations and enum sync from CRM picklists. */
@Module({})
export class EnumsModule implements OnModuleInit {
  static readonly entities = [EnumerationEntity, EnumerationValueEntity, EnumBindingEntity];

  constructor(
    private readonly usage: AccountUsageRegistry,
    @InjectRepository(EnumBindingEntity) private readonly bindings: Repository<EnumBindingEntity>,
  ) {}

  /** `imports` must provide the accounts and schemas features. */
  static forRoot(options: { imports: ModuleMetadata['imports'] }): DynamicModule {
    return {
      module: EnumsModule,
      imports: [...(options.imports ?? []), TypeOrmModule.forFeature(EnumsModule.entities)],
      controllers: [EnumsController],
      providers: [AccountPicklistsService, EnumSyncService, EnumerationsService],
      exports: [EnumerationsService, EnumSyncService],
    };
  }

  /** Remembered bindings keep their account. */
  onModuleInit(): void {
    this.usage.register({
      kind: 'enum binding',
      find: async (accountId) => (await this.bindings.findBy({ accountId })).map((b) => b.crmEnumId),
    });
  }
}
