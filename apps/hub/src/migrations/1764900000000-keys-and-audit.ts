import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/** Managed API keys (scope, account limits, expiry, last use, revocation) and the audit log. */
export class KeysAndAudit1764900000000 implements MigrationInterface {
  name = 'KeysAndAudit1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.renameColumn('api_key', 'label', 'name');
    // Keys made before scopes existed opened everything: they stay admin keys for every account.
    await runner.addColumns('api_key', [
      new TableColumn({ name: 'scope', type: 'varchar', length: '16', default: `'admin'` }),
      new TableColumn({ name: 'accounts', type: 'text', isNullable: true }),
      new TableColumn({ name: 'expires_at', type: 'varchar', length: '24', isNullable: true }),
      new TableColumn({ name: 'last_used_at', type: 'varchar', length: '24', isNullable: true }),
      new TableColumn({ name: 'revoked_at', type: 'varchar', length: '24', isNullable: true }),
    ]);
    await runner.createTable(
      new Table({
        name: 'audit_entry',
        columns: [
          { name: 'seq', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'at', type: 'varchar', length: '24' },
          { name: 'key_id', type: 'varchar', length: '40' },
          { name: 'key_prefix', type: 'varchar', length: '16' },
          { name: 'key_name', type: 'varchar', length: '100' },
          { name: 'action', type: 'varchar', length: '60' },
          { name: 'method', type: 'varchar', length: '8' },
          { name: 'path', type: 'varchar', length: '500' },
          { name: 'resource_type', type: 'varchar', length: '20', isNullable: true },
          { name: 'resource_id', type: 'varchar', length: '255', isNullable: true },
          { name: 'account_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'changes', type: 'text', isNullable: true },
          { name: 'outcome', type: 'varchar', length: '10' },
          { name: 'status', type: 'integer', isNullable: true },
          { name: 'error', type: 'text', isNullable: true },
        ],
      }),
    );
    await runner.createIndex('audit_entry', new TableIndex({ name: 'audit_entry_at_ix', columnNames: ['at'] }));
    await runner.createIndex('audit_entry', new TableIndex({ name: 'audit_entry_account_ix', columnNames: ['account_id'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('audit_entry');
    for (const column of ['revoked_at', 'last_used_at', 'expires_at', 'accounts', 'scope']) await runner.dropColumn('api_key', column);
    await runner.renameColumn('api_key', 'name', 'label');
  }
}
