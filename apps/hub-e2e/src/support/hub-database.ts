import { buildDataSourceOptions, dataTableColumns, dialectOf, openDatabase, type DatabaseConfig } from '@crm-hub/persistence';
import type { DataSource } from 'typeorm';

/** A direct look into a hub's database, to check what its API made (tables, column types, rows). */
export async function openHubDatabase(config: DatabaseConfig): Promise<{
  dataSource: DataSource;
  columns(table: string): Promise<Record<string, string>>;
  close(): Promise<void>;
}> {
  const dataSource = await openDatabase(buildDataSourceOptions({ database: config, entities: [], migrations: [] }));
  return {
    dataSource,
    columns: async (table) => {
      const runner = dataSource.createQueryRunner();
      try {
        return Object.fromEntries((await dataTableColumns(runner, dialectOf(dataSource), table)).map((c) => [c.name, c.sqlType]));
      } finally {
        await runner.release();
      }
    },
    close: () => dataSource.destroy(),
  };
}
