import { addChangeCapture, dialectOf } from '@crm-hub/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Change capture on the generated tables made before it existed (new tables get it when created):
 * the `hub_change_seq` / `hub_sync_token` columns, their index and the triggers.
 */
export class ChangeCapture1764600000000 implements MigrationInterface {
  name = 'ChangeCapture1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    const dialect = dialectOf(runner.connection);
    const tables = (await runner.query(`SELECT "table_name" FROM "crm_schema"`)) as { table_name: string }[];
    for (const { table_name } of tables) await addChangeCapture(runner, dialect, table_name);
  }

  async down(): Promise<void> {
    throw new Error('Change capture cannot be removed by a migration: the export checkpoints depend on it');
  }
}
