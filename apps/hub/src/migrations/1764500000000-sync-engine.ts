import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';

const iso = (name: string, isNullable = false) => ({ name, type: 'varchar', length: '24', isNullable });
const count = (name: string) => ({ name, type: 'integer', default: 0 });

/** Sync jobs, their runs, checkpoints, leases and rejects; the computed flag of schema fields. */
export class SyncEngine1764500000000 implements MigrationInterface {
  name = 'SyncEngine1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn('crm_schema_field', new TableColumn({ name: 'computed', type: 'boolean', default: false }));
    await runner.createTable(
      new Table({
        name: 'sync_job',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'account_id', type: 'varchar', length: '36' },
          { name: 'schema_id', type: 'varchar', length: '36' },
          { name: 'operation', type: 'varchar', length: '16' },
          { name: 'mapping', type: 'text' },
          { name: 'filter', type: 'text', isNullable: true },
          { name: 'options', type: 'text' },
          { name: 'mode', type: 'varchar', length: '12' },
          { name: 'cron', type: 'varchar', length: '120', isNullable: true },
          { name: 'time_zone', type: 'varchar', length: '64', isNullable: true },
          { name: 'enabled', type: 'boolean' },
          iso('next_run_at', true),
          iso('next_refresh_at', true),
          iso('created_at'),
          iso('updated_at'),
        ],
        // The API refuses to delete an account or schema a job uses, with a message; the keys make sure.
        foreignKeys: [
          new TableForeignKey({ columnNames: ['account_id'], referencedTableName: 'external_account', referencedColumnNames: ['id'], onDelete: 'RESTRICT' }),
          new TableForeignKey({ columnNames: ['schema_id'], referencedTableName: 'crm_schema', referencedColumnNames: ['id'], onDelete: 'RESTRICT' }),
        ],
        indices: [new TableIndex({ name: 'ix_sync_job_schema', columnNames: ['schema_id'] })],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'sync_run',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'job_id', type: 'varchar', length: '36' },
          { name: 'status', type: 'varchar', length: '12' },
          { name: 'trigger', type: 'varchar', length: '12' },
          { name: 'full', type: 'boolean' },
          count('records_read'),
          count('inserted'),
          count('updated'),
          count('deleted'),
          count('rejected'),
          count('skipped'),
          count('api_calls'),
          { name: 'expected_total', type: 'integer', isNullable: true },
          { name: 'error', type: 'text', isNullable: true },
          { name: 'notes', type: 'text' },
          count('attempts'),
          { name: 'cancel_requested', type: 'boolean', default: false },
          iso('next_attempt_at', true),
          iso('queued_at'),
          iso('started_at', true),
          iso('finished_at', true),
          iso('heartbeat_at', true),
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['job_id'], referencedTableName: 'sync_job', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
        indices: [
          new TableIndex({ name: 'ix_sync_run_job_queued', columnNames: ['job_id', 'queued_at'] }),
          new TableIndex({ name: 'ix_sync_run_status', columnNames: ['status'] }),
          // One active run per job, whatever the number of hub processes: a second insert fails.
          new TableIndex({ name: 'uq_sync_run_active', columnNames: ['job_id'], isUnique: true, where: `status IN ('queued', 'running', 'paused')` }),
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'sync_checkpoint',
        columns: [
          { name: 'job_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'checkpoint', type: 'text', isNullable: true },
          { name: 'fields_key', type: 'varchar', length: '64' },
          { name: 'sweeping', type: 'boolean', default: false },
          { name: 'run_id', type: 'varchar', length: '36', isNullable: true },
          iso('updated_at'),
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['job_id'], referencedTableName: 'sync_job', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'sync_lease',
        columns: [
          { name: 'job_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'owner', type: 'varchar', length: '64' },
          { name: 'run_id', type: 'varchar', length: '36' },
          iso('expires_at'),
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['job_id'], referencedTableName: 'sync_job', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'sync_reject',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'job_id', type: 'varchar', length: '36' },
          { name: 'run_id', type: 'varchar', length: '36' },
          { name: 'crm_id', type: 'varchar', length: '255', isNullable: true },
          { name: 'field', type: 'varchar', length: '255', isNullable: true },
          { name: 'value', type: 'text', isNullable: true },
          { name: 'code', type: 'varchar', length: '64' },
          { name: 'reason', type: 'text' },
          iso('created_at'),
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['job_id'], referencedTableName: 'sync_job', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
        indices: [new TableIndex({ name: 'ix_sync_reject_run', columnNames: ['run_id'] }), new TableIndex({ name: 'ix_sync_reject_job', columnNames: ['job_id'] })],
      }),
    );
    // The CRM ids a full read has seen so far, for its final sweep (committed with each page).
    await runner.createTable(
      new Table({
        name: 'sync_seen',
        columns: [
          { name: 'job_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'crm_id', type: 'varchar', length: '255', isPrimary: true },
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['job_id'], referencedTableName: 'sync_job', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['sync_seen', 'sync_reject', 'sync_lease', 'sync_checkpoint', 'sync_run', 'sync_job']) await runner.dropTable(table);
    await runner.dropColumn('crm_schema_field', 'computed');
  }
}
