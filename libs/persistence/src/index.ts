export { PersistenceModule, type PersistenceModuleAsyncOptions } from './lib/persistence.module';
export { buildDataSourceOptions, openDatabase, quoteIdentifier, type PersistenceOptions } from './lib/data-source';
export { DatabaseStartupError, isDatabaseBusy } from './lib/startup/database-errors';
export { DatabaseBusyInterceptor } from './lib/database-busy.interceptor';
export { parseDatabaseConfig, describeDatabase, type DatabaseConfig } from './lib/database-config';
export { HubSettingEntity } from './lib/hub-setting.entity';
export { IsoTimestampColumn } from './lib/iso-timestamp.column';
export { SnakeNamingStrategy, toSnakeCase } from './lib/snake-naming.strategy';
export { dialectOf, type SqlDialect } from './lib/ddl/sql-dialect';
export { sqlType, parameterType, describeColumnType, isSafeWidening, sameType, type HubColumnType } from './lib/ddl/column-type';
export { assertGeneratedIdentifier, fitIdentifier, MAX_IDENTIFIER_BYTES } from './lib/ddl/identifiers';
export {
  createDataTable,
  addDataColumn,
  widenDataColumn,
  dataTableColumns,
  existingTableNames,
  HUB_COLUMN_NAMES,
  type DataColumn,
} from './lib/ddl/data-table';
export { dropDataTable } from './lib/ddl/drop-data-table';
export { addChangeCapture, createChangeCounter, installChangeCapture, CHANGE_COUNTER } from './lib/ddl/change-capture';
export { SqlParams } from './lib/sql-params';
