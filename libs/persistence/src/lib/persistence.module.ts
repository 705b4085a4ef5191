import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { buildDataSourceOptions, openDatabase, type PersistenceOptions } from './data-source';
import { DatabaseBusyInterceptor } from './database-busy.interceptor';

/** How the host provides {@link PersistenceOptions} (usually from its validated configuration). */
export interface PersistenceModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: unknown[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Nest injects providers positionally
  useFactory: (...args: any[]) => PersistenceOptions | Promise<PersistenceOptions>;
}

/**
 * The hub's database connection: SQLite by default, PostgreSQL when configured, migrated at start.
 * Feature modules register their entities with `TypeOrmModule.forFeature([...])`. Requests that
 * meet a database busy with another writer answer 503 with Retry-After.
 */
@Module({})
export class PersistenceModule {
  static forRootAsync(options: PersistenceModuleAsyncOptions): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          imports: options.imports ?? [],
          inject: (options.inject ?? []) as never[],
          // openDatabase retries what is worth retrying (and says why); @nestjs/typeorm's own loop
          // would retry a damaged file or a wrong password for half a minute, in silence.
          useFactory: async (...args: unknown[]) => ({ ...buildDataSourceOptions(await options.useFactory(...args)), toRetry: () => false }),
          dataSourceFactory: async (dataSourceOptions) => openDatabase(dataSourceOptions as never),
        }),
      ],
      providers: [{ provide: APP_INTERCEPTOR, useClass: DatabaseBusyInterceptor }],
      exports: [TypeOrmModule],
    };
  }
}
