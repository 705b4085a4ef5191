import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { buildDataSourceOptions, openDatabase, type PersistenceOptions } from './data-source';

/** How the host provides {@link PersistenceOptions} (usually from its validated configuration). */
export interface PersistenceModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: unknown[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Nest injects providers positionally
  useFactory: (...args: any[]) => PersistenceOptions | Promise<PersistenceOptions>;
}

/**
 * The hub's database connection: SQLite by default, PostgreSQL when configured, migrated at start.
 * Feature modules register their entities with `TypeOrmModule.forFeature([...])`.
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
          useFactory: async (...args: unknown[]) => buildDataSourceOptions(await options.useFactory(...args)),
          dataSourceFactory: async (dataSourceOptions) => openDatabase(dataSourceOptions as never),
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
