import { ResourceRegistry } from '@crm-hub/access';
import { HubSettingEntity } from '@crm-hub/persistence';
import { type DynamicModule, Module, type ModuleMetadata, type OnModuleInit, Optional } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountCheckService } from './account-check.service';
import { AccountUsageRegistry } from './account-usage.registry';
import { ACCOUNTS_OPTIONS, type AccountsOptions } from './accounts.options';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { ConnectorSessions } from './connectors/connector-sessions.service';
import { ExternalAccountEntity } from './external-account.entity';
import { AccountSecretsService } from './secrets/account-secrets.service';
import { SecretRedactor } from './secrets/secret-redactor';

/** Options of {@link AccountsModule.forRootAsync}. */
export interface AccountsModuleAsyncOptions {
  /** Must provide the PluginRegistry (PluginRegistryModule) and anything `inject` names. */
  imports: ModuleMetadata['imports'];
  inject?: unknown[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Nest injects providers positionally
  useFactory: (...args: any[]) => AccountsOptions | Promise<AccountsOptions>;
}

/**
 * External accounts (CRM connections). The host gives it a SecretRedactor instance shared with its
 * logger, so that no log line carries an account secret.
 */
@Module({})
export class AccountsModule implements OnModuleInit {
  /** The entities whose tables this feature owns (the host's migrations create them). */
  static readonly entities = [ExternalAccountEntity, HubSettingEntity];

  static forRootAsync(options: AccountsModuleAsyncOptions & { redactor: SecretRedactor }): DynamicModule {
    return {
      module: AccountsModule,
      imports: [...(options.imports ?? []), TypeOrmModule.forFeature(AccountsModule.entities)],
      controllers: [AccountsController],
      providers: [
        { provide: ACCOUNTS_OPTIONS, inject: (options.inject ?? []) as never[], useFactory: options.useFactory },
        { provide: SecretRedactor, useValue: options.redactor },
        AccountSecretsService,
        AccountsService,
        AccountCheckService,
        AccountUsageRegistry,
        ConnectorSessions,
      ],
      exports: [AccountsService, AccountUsageRegistry, ConnectorSessions, SecretRedactor],
    };
  }

  constructor(
    private readonly accounts: AccountsService,
    @Optional() private readonly resources?: ResourceRegistry,
  ) {}

  /** Accounts are what keys are limited to: an account belongs to itself. */
  onModuleInit(): void {
    this.resources?.register('account', {
      ownerOf: async (id) => ((await this.accounts.findEntity(id).catch(() => undefined)) ? id : undefined),
      snapshot: (id) => this.accounts.get(id),
      secretSettings: (body, id) => this.accounts.secretSettings(body, id),
    });
  }
}
