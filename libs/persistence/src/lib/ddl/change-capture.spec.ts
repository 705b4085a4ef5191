import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { buildDataSourceOptions, openDatabase } from '../data-source';
import { addDataColumn, createDataTable } from './data-table';
import { dialectOf } from './sql-dialect';

const TABLE = 'crm_acme_contact';

describe('change capture', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const p = (n: number) => (dialectOf(ds) === 'postgres' ? `$${n}` : '?');
  const row = async (crmId: string) =>
    ((await ds.query(`SELECT hub_change_seq, hub_origin, last_name FROM ${TABLE} WHERE crm_id = ${p(1)}`, [crmId])) as Record<string, unknown>[])[0];

  beforeEach(async () => {
    db = createTestDatabase();
    ds = await openDatabase(buildDataSourceOptions({ database: db.config, entities: [], migrations: [] }));
    await createDataTable(ds.createQueryRunner(), dialectOf(ds), TABLE, [{ name: 'last_name', type: { kind: 'varchar', length: 80 } }]);
  });
  afterEach(async () => {
    await ds.destroy();
    await db.drop();
  });

  it("numbers every insert and update made with plain SQL, and marks rows inserted that way as the hub's", async () => {
    await ds.query(`INSERT INTO ${TABLE} (crm_id, hub_updated_at, last_name) VALUES ('A', '2026-01-01T00:00:00.000Z', 'Ada')`);
    const inserted = await row('A');
    expect(inserted?.['hub_origin']).toBe('hub');
    expect(Number(inserted?.['hub_change_seq'])).toBeGreaterThan(0);
    await ds.query(`UPDATE ${TABLE} SET last_name = 'Ada L.' WHERE crm_id = 'A'`);
    expect(Number((await row('A'))?.['hub_change_seq'])).toBeGreaterThan(Number(inserted?.['hub_change_seq']));
  });

  it('ignores writes the sync engine marks with a new hub_sync_token (no echo)', async () => {
    await ds.query(`INSERT INTO ${TABLE} (crm_id, hub_updated_at, last_name, hub_origin, hub_sync_token) VALUES ('B', '2026-01-01T00:00:00.000Z', 'Bob', 'crm', 1)`);
    expect(await row('B')).toMatchObject({ hub_origin: 'crm', hub_change_seq: null });
    await ds.query(`UPDATE ${TABLE} SET last_name = 'Bobby', hub_sync_token = hub_sync_token + 1 WHERE crm_id = 'B'`);
    expect((await row('B'))?.['hub_change_seq']).toBeNull();
    await ds.query(`UPDATE ${TABLE} SET last_name = 'Robert' WHERE crm_id = 'B'`);
    expect(Number((await row('B'))?.['hub_change_seq'])).toBeGreaterThan(0);
  });

  it("reads changes by an index that holds only the rows changed outside the sync engine", async () => {
    const runner = ds.createQueryRunner();
    const sqlite = dialectOf(ds) === 'sqlite';
    if (!sqlite) await runner.query('SET enable_seqscan = off'); // a table this small would be scanned whatever its indexes
    const changes = `SELECT hub_id FROM ${TABLE} WHERE "hub_change_seq" > 0 AND "hub_deleted_at" IS NULL ORDER BY "hub_change_seq", "hub_id" LIMIT 10`;
    const plan = (await runner.query(`${sqlite ? 'EXPLAIN QUERY PLAN' : 'EXPLAIN'} ${changes}`)) as Record<string, string>[];
    // The connection goes back to the pool: later tests must not inherit the planner setting.
    if (!sqlite) await runner.query('RESET enable_seqscan');
    await runner.release();
    expect(plan.map((step) => Object.values(step).join(' ')).join('\n')).toContain(`${TABLE}_change_seq_ix`);
    const [index] = (await ds.query(
      sqlite ? `SELECT sql AS definition FROM sqlite_master WHERE name = '${TABLE}_change_seq_ix'` : `SELECT indexdef AS definition FROM pg_indexes WHERE indexname = '${TABLE}_change_seq_ix'`,
    )) as { definition: string }[];
    expect(index?.definition).toMatch(/WHERE \(?"?hub_change_seq"? IS NOT NULL\)?/);
  });

  it('keeps capturing changes after a column is added (schema drift)', async () => {
    await addDataColumn(ds.createQueryRunner(), dialectOf(ds), TABLE, { name: 'title', type: { kind: 'text' } });
    await ds.query(`INSERT INTO ${TABLE} (crm_id, hub_updated_at, title) VALUES ('C', '2026-01-01T00:00:00.000Z', 'CEO')`);
    expect(Number((await row('C'))?.['hub_change_seq'])).toBeGreaterThan(0);
  });
});
