export { PersistenceModule, type PersistenceModuleAsyncOptions } from './lib/persistence.module';
export { buildDataSourceOptions, openDatabase, quoteIdentifier, type PersistenceOptions } from './lib/data-source';
export { parseDatabaseConfig, describeDatabase, type DatabaseConfig } from './lib/database-config';
export { HubSettingEntity } from './lib/hub-setting.entity';
export { IsoTimestampColumn } from './lib/iso-timestamp.column';
export { SnakeNamingStrategy, toSnakeCase } from './lib/snake-naming.strategy';
