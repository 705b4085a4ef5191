import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';

const iso = (name: string, isNullable = false) => ({ name, type: 'varchar', length: '24', isNullable });
const toJob = () => new TableForeignKey({ columnNames: ['job_id'], referencedTableName: 'sync_job', referencedColumnNames: ['id'], onDelete: 'CASCADE' });

/** Export and delete jobs: rejects of written rows, rows in flight, per-row sync state of bidirectional pairs, conflicts. */
export class ExportAndBidirectional1764700000000 implements MigrationInterface {
  name = 'ExportAndBidirectional1764700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumns('sync_reject', [
      new TableColumn({ name: 'hub_id', type: 'varchar', length: '20', isNullable: true }),
      new TableColumn({ name: 'payload', type: 'text', isNullable: true }),
      new TableColumn({ name: 'fields', type: 'text', isNullable: true }),
      new TableColumn({ name: 'retryable', type: 'boolean', default: false }),
      new TableColumn({ name: 'status', type: 'varchar', length: '8', default: `'open'` }),
      new TableColumn({ ...iso('resolved_at', true) }),
    ]);
    await runner.createIndex('sync_reject', new TableIndex({ name: 'ix_sync_reject_job_hub', columnNames: ['job_id', 'hub_id'] }));
    // Rows being written to the CRM: marked before the call, cleared in the transaction that stores its results.
    await runner.createTable(
      new Table({
        name: 'sync_export_flight',
        columns: [
          { name: 'job_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'hub_id', type: 'varchar', length: '20', isPrimary: true },
          { name: 'run_id', type: 'varchar', length: '36' },
          { name: 'change_seq', type: 'varchar', length: '20', isNullable: true },
          iso('sent_at'),
        ],
        foreignKeys: [toJob()],
      }),
    );
    // What a bidirectional pair last synced, per row and field: which side changed what since.
    await runner.createTable(
      new Table({
        name: 'sync_row_state',
        columns: [
          { name: 'job_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'hub_id', type: 'varchar', length: '20', isPrimary: true },
          { name: 'synced', type: 'text' },
          iso('updated_at'),
        ],
        foreignKeys: [toJob()],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'sync_conflict',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'job_id', type: 'varchar', length: '36' },
          { name: 'run_id', type: 'varchar', length: '36' },
          { name: 'hub_id', type: 'varchar', length: '20' },
          { name: 'crm_id', type: 'varchar', length: '255', isNullable: true },
          { name: 'field', type: 'varchar', length: '255' },
          { name: 'hub_value', type: 'text', isNullable: true },
          { name: 'crm_value', type: 'text', isNullable: true },
          { name: 'winner', type: 'varchar', length: '4' },
          { name: 'policy', type: 'varchar', length: '12' },
          iso('created_at'),
        ],
        foreignKeys: [toJob()],
        indices: [new TableIndex({ name: 'ix_sync_conflict_run', columnNames: ['run_id'] })],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['sync_conflict', 'sync_row_state', 'sync_export_flight']) await runner.dropTable(table);
    await runner.dropIndex('sync_reject', 'ix_sync_reject_job_hub');
    for (const column of ['resolved_at', 'status', 'retryable', 'fields', 'payload', 'hub_id']) await runner.dropColumn('sync_reject', column);
  }
}
