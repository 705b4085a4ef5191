import { AccessModule, ApiKeyMiddleware } from '@crm-hub/access';
import { AccountsModule, SecretRedactor } from '@crm-hub/accounts';
import { EnumsModule } from '@crm-hub/enums';
import { PersistenceModule } from '@crm-hub/persistence';
import { PluginRegistryModule } from '@crm-hub/plugin-registry';
import { SchemasModule } from '@crm-hub/schemas';
import { SyncModule } from '@crm-hub/sync';
import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { ProblemDetailsFilter } from '../http/problem-details.filter';
import { createValidationPipe } from '../http/validation.pipe';
import { migrations } from '../migrations';
import { HealthController } from '../observability/health.controller';
import { HttpMetricsMiddleware } from '../observability/http-metrics.middleware';
import { loggerOptions } from '../observability/logger.options';
import { MetricsController } from '../observability/metrics.controller';
import type { HubConfig } from './hub-config';
import { HUB_CONFIG } from './hub-config.provider';

/** Test hooks of {@link AppModule.forRoot}. */
export interface AppModuleOptions {
  /** Where log lines go (default: stdout). Tests capture them to prove no secret is logged. */
  logDestination?: DestinationStream;
  /** The process's redactor, when main.ts made it first (so that a failed start is redacted too). */
  redactor?: SecretRedactor;
}

/** The host: wires persistence, the plugin registry and the features, and the HTTP cross-cutting concerns. */
@Module({})
export class AppModule implements NestModule {
  static forRoot(config: HubConfig, options: AppModuleOptions = {}): DynamicModule {
    const redactor = options.redactor ?? new SecretRedactor();
    const plugins = PluginRegistryModule.forRoot({
      hostRoot: config.hostRoot,
      pluginsDir: config.pluginsDir,
      isolation: { memoryLimitMb: config.pluginMemoryLimitMb, idleStopMs: config.pluginIdleStopMs },
    });
    // Shared module instances: features importing them get the same providers.
    const accounts = AccountsModule.forRootAsync({
      imports: [plugins],
      redactor,
      useFactory: () => ({
        dataDir: config.dataDir,
        checkTimeoutMs: config.checkTimeoutMs,
        ...(config.secretKey ? { secretKey: config.secretKey } : {}),
        ...(config.previousSecretKeys ? { previousSecretKeys: config.previousSecretKeys } : {}),
      }),
    });
    const schemas = SchemasModule.forRootAsync({ imports: [accounts, plugins], useFactory: () => ({ describeTtlMs: config.describeTtlMs }) });
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(loggerOptions(config.logLevel, redactor, options.logDestination)),
        PersistenceModule.forRootAsync({
          useFactory: () => ({
            database: config.database,
            entities: [...AccountsModule.entities, ...SchemasModule.entities, ...EnumsModule.entities, ...SyncModule.entities, ...AccessModule.entities],
            migrations,
          }),
        }),
        AccessModule.forRoot({ bootstrapKeys: config.apiKeys, auditRetentionDays: config.auditRetentionDays, redactor }),
        TerminusModule.forRoot({ logger: false }),
        plugins,
        accounts,
        schemas,
        EnumsModule.forRoot({ imports: [accounts, schemas] }),
        SyncModule.forRoot({
          imports: [accounts, schemas, plugins],
          concurrency: config.syncConcurrency,
          leaseTtlMs: config.syncLeaseMs,
          quotaPauseMs: config.syncQuotaPauseMs,
          role: config.role,
          ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
          workerName: config.workerName,
          accountConcurrency: config.syncAccountConcurrency,
          budgetReserve: config.syncBudgetReserve,
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: HUB_CONFIG, useValue: config },
        { provide: APP_FILTER, inject: [SecretRedactor], useFactory: (r: SecretRedactor) => new ProblemDetailsFilter(r) },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
    consumer
      .apply(ApiKeyMiddleware)
      .exclude({ path: 'health', method: RequestMethod.ALL }, { path: 'metrics', method: RequestMethod.ALL })
      .forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
