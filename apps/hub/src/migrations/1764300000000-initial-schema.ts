import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * External accounts, API keys and hub settings. Written with TypeORM's schema builder so that the
 * same migration runs on SQLite and PostgreSQL. Instants are ISO 8601 UTC strings (varchar 24).
 */
export class InitialSchema1764300000000 implements MigrationInterface {
  name = 'InitialSchema1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'external_account',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '100', isUnique: true },
          { name: 'plugin_id', type: 'varchar', length: '64' },
          { name: 'settings', type: 'text' },
          { name: 'sealed_secrets', type: 'text' },
          { name: 'last_check_status', type: 'varchar', length: '16', isNullable: true },
          { name: 'last_check_at', type: 'varchar', length: '24', isNullable: true },
          { name: 'last_check_reason', type: 'text', isNullable: true },
          { name: 'last_check_duration_ms', type: 'integer', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '24' },
          { name: 'updated_at', type: 'varchar', length: '24' },
        ],
      }),
    );
    await runner.createIndex('external_account', new TableIndex({ name: 'ix_external_account_plugin', columnNames: ['plugin_id'] }));
    await runner.createTable(
      new Table({
        name: 'api_key',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'key_hash', type: 'varchar', length: '64', isUnique: true },
          { name: 'key_prefix', type: 'varchar', length: '16' },
          { name: 'label', type: 'varchar', length: '100' },
          { name: 'created_at', type: 'varchar', length: '24' },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'hub_setting',
        columns: [
          { name: 'key', type: 'varchar', length: '64', isPrimary: true },
          { name: 'value', type: 'text' },
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('hub_setting');
    await runner.dropTable('api_key');
    await runner.dropTable('external_account');
  }
}
