import { Entity, PrimaryColumn, Column, type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { buildDataSourceOptions, openDatabase, quoteIdentifier } from './data-source';
import { IsoTimestampColumn } from './iso-timestamp.column';

@Entity('sample_item')
class SampleItem {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  displayName!: string;

  @IsoTimestampColumn()
  createdAt!: Date;
}

class CreateSampleItem1700000000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'sample_item',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'display_name', type: 'varchar', length: '100' },
          { name: 'created_at', type: 'varchar', length: '24' },
        ],
      }),
    );
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('sample_item');
  }
}

describe(openDatabase.name, () => {
  let db: TestDatabase;
  beforeEach(() => (db = createTestDatabase()));
  afterEach(() => db.drop());

  const options = () => buildDataSourceOptions({ database: db.config, entities: [SampleItem], migrations: [CreateSampleItem1700000000000] });

  it('creates the database, runs migrations once, and maps camelCase to snake_case', async () => {
    const first = await openDatabase(options());
    const createdAt = new Date('2026-01-02T03:04:05.678Z');
    await first.getRepository(SampleItem).save({ id: 'a', displayName: 'Ada', createdAt });
    await first.destroy();

    const second = await openDatabase(options());
    try {
      const executed = (await second.query('SELECT name FROM ' + second.driver.escape('migrations'))) as unknown[];
      expect(executed).toHaveLength(1);
      const item = await second.getRepository(SampleItem).findOneByOrFail({ id: 'a' });
      expect(item.displayName).toBe('Ada');
      expect(item.createdAt.toISOString()).toBe(createdAt.toISOString());
    } finally {
      await second.destroy();
    }
  });
});

describe(quoteIdentifier.name, () => {
  it('quotes any name so it can never break out of the identifier', () => {
    expect(quoteIdentifier('x"; DROP TABLE y; --')).toBe('"x""; DROP TABLE y; --"');
    expect(() => quoteIdentifier('a\0b')).toThrow(/NUL/);
  });
});
