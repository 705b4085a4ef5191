import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex, TableUnique } from 'typeorm';

/** Hub data schemas (one per account object) with their fields, enumerations and enum-sync bindings. */
export class SchemasAndEnumerations1764400000000 implements MigrationInterface {
  name = 'SchemasAndEnumerations1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'crm_schema',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'account_id', type: 'varchar', length: '36' },
          { name: 'object_name', type: 'varchar', length: '255' },
          { name: 'object_label', type: 'varchar', length: '255' },
          { name: 'table_name', type: 'varchar', length: '63', isUnique: true },
          { name: 'id_field', type: 'varchar', length: '255' },
          { name: 'cursor_field', type: 'varchar', length: '255', isNullable: true },
          { name: 'incremental', type: 'varchar', length: '8' },
          { name: 'selection', type: 'varchar', length: '8' },
          { name: 'fingerprint', type: 'varchar', length: '64' },
          { name: 'created_at', type: 'varchar', length: '24' },
          { name: 'updated_at', type: 'varchar', length: '24' },
        ],
        uniques: [new TableUnique({ name: 'uq_crm_schema_account_object', columnNames: ['account_id', 'object_name'] })],
        // An account with schemas cannot vanish under them (the API refuses first, with a clear message).
        foreignKeys: [new TableForeignKey({ columnNames: ['account_id'], referencedTableName: 'external_account', referencedColumnNames: ['id'], onDelete: 'RESTRICT' })],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'crm_schema_field',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'schema_id', type: 'varchar', length: '36' },
          { name: 'field_name', type: 'varchar', length: '255' },
          { name: 'label', type: 'varchar', length: '255' },
          { name: 'column_name', type: 'varchar', length: '63', isNullable: true },
          { name: 'column_type', type: 'text', isNullable: true },
          { name: 'canonical_type', type: 'varchar', length: '16' },
          { name: 'native_type', type: 'varchar', length: '64' },
          { name: 'length', type: 'integer', isNullable: true },
          { name: 'precision', type: 'integer', isNullable: true },
          { name: 'scale', type: 'integer', isNullable: true },
          { name: 'nullable', type: 'boolean' },
          { name: 'createable', type: 'boolean' },
          { name: 'updateable', type: 'boolean' },
          { name: 'external_id', type: 'boolean' },
          { name: 'is_unique', type: 'boolean' },
          { name: 'reference_to', type: 'text', isNullable: true },
          { name: 'crm_enum_id', type: 'varchar', length: '255', isNullable: true },
          { name: 'enum_fingerprint', type: 'varchar', length: '64', isNullable: true },
          { name: 'enum_snapshot', type: 'text', isNullable: true },
          { name: 'enumeration_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'compound_of', type: 'varchar', length: '255', isNullable: true },
          { name: 'components', type: 'text', isNullable: true },
          { name: 'position', type: 'integer' },
          { name: 'active', type: 'boolean' },
          { name: 'removed_at', type: 'varchar', length: '24', isNullable: true },
        ],
        uniques: [
          new TableUnique({ name: 'uq_crm_schema_field_name', columnNames: ['schema_id', 'field_name'] }),
          new TableUnique({ name: 'uq_crm_schema_field_column', columnNames: ['schema_id', 'column_name'] }),
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['schema_id'], referencedTableName: 'crm_schema', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'enumeration',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '100', isUnique: true },
          { name: 'label', type: 'varchar', length: '255' },
          { name: 'created_at', type: 'varchar', length: '24' },
          { name: 'updated_at', type: 'varchar', length: '24' },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'enumeration_value',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'enumeration_id', type: 'varchar', length: '36' },
          { name: 'value', type: 'varchar', length: '255' },
          { name: 'label', type: 'varchar', length: '255' },
          { name: 'position', type: 'integer' },
          { name: 'active', type: 'boolean' },
          { name: 'origin', type: 'varchar', length: '300' },
        ],
        uniques: [new TableUnique({ name: 'uq_enumeration_value', columnNames: ['enumeration_id', 'value'] })],
        foreignKeys: [new TableForeignKey({ columnNames: ['enumeration_id'], referencedTableName: 'enumeration', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'enum_binding',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'account_id', type: 'varchar', length: '36' },
          { name: 'crm_enum_id', type: 'varchar', length: '255' },
          { name: 'enumeration_id', type: 'varchar', length: '36' },
          { name: 'replace', type: 'boolean' },
          { name: 'last_synced_at', type: 'varchar', length: '24', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '24' },
        ],
        uniques: [new TableUnique({ name: 'uq_enum_binding', columnNames: ['account_id', 'crm_enum_id', 'enumeration_id'] })],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['account_id'], referencedTableName: 'external_account', referencedColumnNames: ['id'], onDelete: 'RESTRICT' }),
          new TableForeignKey({ columnNames: ['enumeration_id'], referencedTableName: 'enumeration', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
      }),
    );
    await runner.createIndex('crm_schema_field', new TableIndex({ name: 'ix_crm_schema_field_enumeration', columnNames: ['enumeration_id'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['enum_binding', 'enumeration_value', 'enumeration', 'crm_schema_field', 'crm_schema']) await runner.dropTable(table);
  }
}
