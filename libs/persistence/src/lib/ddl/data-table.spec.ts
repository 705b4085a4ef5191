import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { buildDataSourceOptions, openDatabase } from '../data-source';
import { addDataColumn, createDataTable, dataTableColumns, widenDataColumn } from './data-table';
import { isSafeWidening } from './column-type';
import { fitIdentifier } from './identifiers';
import { dialectOf } from './sql-dialect';

describe(createDataTable.name, () => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeEach(async () => {
    db = createTestDatabase();
    ds = await openDatabase(buildDataSourceOptions({ database: db.config, entities: [], migrations: [] }));
  });
  afterEach(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('creates the hub columns, one typed column per field, and keeps decimals exact', async () => {
    const dialect = dialectOf(ds);
    const runner = ds.createQueryRunner();
    await createDataTable(runner, dialect, 'crm_acme_contact', [
      { name: 'last_name', type: { kind: 'varchar', length: 80 } },
      { name: 'amount', type: { kind: 'decimal', precision: 38, scale: 10 } },
      { name: 'channels', type: { kind: 'json' } },
      { name: 'opted_out', type: { kind: 'boolean' } },
      { name: 'birthdate', type: { kind: 'date' } },
    ]);
    const columns = await dataTableColumns(runner, dialect, 'crm_acme_contact');
    expect(columns.map((c) => c.name)).toEqual([
      'hub_id', 'crm_id', 'crm_modified_at', 'hub_updated_at', 'hub_origin', 'hub_deleted_at', 'hub_change_seq', 'hub_sync_token',
      'last_name', 'amount', 'channels', 'opted_out', 'birthdate',
    ]);
    const types = Object.fromEntries(columns.map((c) => [c.name, c.sqlType]));
    expect(types).toMatchObject(
      dialect === 'postgres'
        ? { amount: 'numeric(38,10)', channels: 'jsonb', crm_modified_at: 'timestamp with time zone', last_name: 'character varying(80)' }
        : { amount: 'text', channels: 'text', crm_modified_at: 'text', opted_out: 'integer' },
    );
    const p = dialect === 'postgres' ? ['$1', '$2', '$3'] : ['?', '?', '?'];
    await runner.query(`INSERT INTO crm_acme_contact (crm_id, hub_updated_at, amount) VALUES (${p.join(', ')})`, [
      '003A', '2026-01-01T00:00:00.000Z', '1234567890123456789012345678.0123456789',
    ]);
    const [row] = (await runner.query(`SELECT amount, hub_origin FROM crm_acme_contact`)) as { amount: string; hub_origin: string }[];
    expect(String(row?.amount)).toBe('1234567890123456789012345678.0123456789');
    expect(row?.hub_origin).toBe('hub'); // written with plain SQL, not by the sync engine (see change capture)
    await expect(runner.query(`INSERT INTO crm_acme_contact (crm_id, hub_updated_at) VALUES (${p[0]}, ${p[1]})`, ['003A', 'x'])).rejects.toThrow();

    await addDataColumn(runner, dialect, 'crm_acme_contact', { name: 'title', type: { kind: 'varchar', length: 40 } });
    await widenDataColumn(runner, dialect, 'crm_acme_contact', { name: 'title', type: { kind: 'varchar', length: 255 } });
    const after = Object.fromEntries((await dataTableColumns(runner, dialect, 'crm_acme_contact')).map((c) => [c.name, c.sqlType]));
    expect(after['title']).toBe(dialect === 'postgres' ? 'character varying(255)' : 'text');
    await runner.release();
  });

  it('refuses a name that is not a plain generated identifier', async () => {
    const runner = ds.createQueryRunner();
    await expect(createDataTable(runner, dialectOf(ds), 'x"; DROP TABLE y; --', [])).rejects.toThrow(/not a valid generated identifier/);
    await runner.release();
  });
});

describe(isSafeWidening.name, () => {
  it.each([
    [{ kind: 'varchar', length: 40 }, { kind: 'varchar', length: 80 }, true],
    [{ kind: 'varchar', length: 80 }, { kind: 'varchar', length: 40 }, false],
    [{ kind: 'varchar', length: 80 }, { kind: 'text' }, true],
    [{ kind: 'decimal', precision: 10, scale: 2 }, { kind: 'decimal', precision: 12, scale: 4 }, true],
    [{ kind: 'decimal', precision: 10, scale: 2 }, { kind: 'decimal', precision: 10, scale: 4 }, false],
    [{ kind: 'integer' }, { kind: 'decimal', precision: 38, scale: 2 }, true],
    [{ kind: 'text' }, { kind: 'integer' }, false],
  ] as const)('%j → %j is %p', (from, to, safe) => {
    expect(isSafeWidening(from, to)).toBe(safe);
  });
});

describe(fitIdentifier.name, () => {
  it('keeps short names and shortens long ones uniquely within 63 bytes', () => {
    expect(fitIdentifier('crm_acme_contact')).toBe('crm_acme_contact');
    const a = fitIdentifier(`crm_${'a'.repeat(70)}_one`);
    const b = fitIdentifier(`crm_${'a'.repeat(70)}_two`);
    expect(Buffer.byteLength(a)).toBeLessThanOrEqual(63);
    expect(a).not.toBe(b);
  });
});
