import { buildDataSourceOptions, createDataTable, dialectOf, openDatabase } from '@crm-hub/persistence';
import { createTestDatabase, type TestDatabase } from '@crm-hub/persistence/testing';
import type { SyncMessage } from '@crm-hub/plugin-sdk';
import type { DataSource } from 'typeorm';
import type { ColumnTarget } from '@crm-hub/schemas';
import { foldBatch } from './record-batch';
import { applyIntents, type TableTarget } from './table-writer';

const TABLE = 'crm_acme_contact';
const T1 = '2026-03-01T10:00:00.000Z';
const T2 = '2026-03-01T11:00:00.000Z';

const upsert = (id: string, data: Record<string, unknown>, modifiedAt = T1): SyncMessage => ({ kind: 'upsert', object: 'Contact', id, data, modifiedAt });
const remove = (id: string): SyncMessage => ({ kind: 'delete', object: 'Contact', id });

describe(applyIntents.name, () => {
  let db: TestDatabase;
  let ds: DataSource;
  let target: TableTarget;

  beforeEach(async () => {
    db = createTestDatabase();
    ds = await openDatabase(buildDataSourceOptions({ database: db.config, entities: [], migrations: [] }));
    await createDataTable(ds.createQueryRunner(), dialectOf(ds), TABLE, [
      { name: 'last_name', type: { kind: 'varchar', length: 10 } },
      { name: 'amount', type: { kind: 'decimal', precision: 6, scale: 2 } },
      { name: 'tags', type: { kind: 'json' } },
      { name: 'active', type: { kind: 'boolean' } },
      { name: 'seen_at', type: { kind: 'timestamp' } },
      { name: 'seats', type: { kind: 'integer' } },
      { name: 'starts_on', type: { kind: 'date' } },
      { name: 'opens_at', type: { kind: 'time' } },
      { name: 'notes', type: { kind: 'text' } },
    ]);
    const column = (field: string, name: string, type: ColumnTarget['type'], canonicalType: ColumnTarget['canonicalType']): [string, ColumnTarget] => [
      field,
      { field, column: name, type, canonicalType, conversion: 'default' },
    ];
    target = {
      table: TABLE,
      dialect: dialectOf(ds),
      columns: new Map([
        column('LastName', 'last_name', { kind: 'varchar', length: 10 }, 'string'),
        column('Amount', 'amount', { kind: 'decimal', precision: 6, scale: 2 }, 'decimal'),
        column('Tags', 'tags', { kind: 'json' }, 'multi-enum'),
        column('Active', 'active', { kind: 'boolean' }, 'boolean'),
        column('SeenAt', 'seen_at', { kind: 'timestamp' }, 'datetime'),
        column('Seats', 'seats', { kind: 'integer' }, 'integer'),
        column('StartsOn', 'starts_on', { kind: 'date' }, 'date'),
        column('OpensAt', 'opens_at', { kind: 'time' }, 'time'),
        column('Notes', 'notes', { kind: 'text' }, 'string'),
      ]),
      deletes: 'soft',
      upserts: 'apply',
      timeZone: 'UTC',
    };
  });
  afterEach(async () => {
    await ds.destroy();
    await db.drop();
  });

  const apply = (messages: SyncMessage[], t: TableTarget = target) =>
    ds.transaction((m) => applyIntents(m.queryRunner as NonNullable<typeof m.queryRunner>, t, foldBatch(messages), new Date()));
  const rows = async () =>
    (await ds.query(`SELECT crm_id, last_name, amount, tags, active, seen_at, hub_deleted_at, hub_origin FROM ${TABLE} ORDER BY crm_id`)) as Record<string, unknown>[];

  it('inserts, then updates only the fields a record carries (absent is not null)', async () => {
    expect(await apply([upsert('A', { LastName: 'Ada', Amount: '12.50', Tags: ['x', 'y'], Active: true, SeenAt: T1 })])).toMatchObject({ inserted: 1, updated: 0 });
    expect(await apply([upsert('A', { Amount: '0.10' }, T2)])).toMatchObject({ inserted: 0, updated: 1 });
    const [row] = await rows();
    expect(row).toMatchObject({ crm_id: 'A', last_name: 'Ada', hub_origin: 'crm' });
    expect(String(row?.['amount'])).toBe('0.10');
    expect(JSON.parse(JSON.stringify(row?.['tags']))).toEqual(target.dialect === 'sqlite' ? '["x","y"]' : ['x', 'y']);
  });

  it('stores every column type exactly, nulls and text that looks like SQL or array syntax included', async () => {
    const tricky = 'say "hi", {a,b} \\ NULL \'x\' é 😀';
    await apply([
      upsert('A', { LastName: 'NULL', Amount: '-0.01', Tags: { say: '"{}"' }, Active: false, SeenAt: T2, Seats: 9007199254740991, StartsOn: '2026-02-28', OpensAt: '23:59:58.123', Notes: tricky }),
      upsert('B', { LastName: null, Amount: null, Tags: null, Active: null, SeenAt: null, Seats: null, StartsOn: null, OpensAt: null, Notes: '' }),
    ]);
    const text = (column: string) => `CAST(${column} AS TEXT) AS ${column}`;
    const stored = (await ds.query(
      `SELECT crm_id, last_name, ${['amount', 'seen_at', 'seats', 'starts_on', 'opens_at'].map(text).join(', ')}, tags, active, notes FROM ${TABLE} ORDER BY crm_id`,
    )) as Record<string, unknown>[];
    const sqlite = target.dialect === 'sqlite';
    expect(stored[0]).toMatchObject({ crm_id: 'A', last_name: 'NULL', amount: '-0.01', seats: '9007199254740991', starts_on: '2026-02-28', notes: tricky });
    expect(String(stored[0]?.['opens_at'])).toBe('23:59:58.123');
    expect(Date.parse(String(stored[0]?.['seen_at']))).toBe(Date.parse(T2));
    expect(sqlite ? JSON.parse(String(stored[0]?.['tags'])) : stored[0]?.['tags']).toEqual({ say: '"{}"' });
    expect(Boolean(stored[0]?.['active'])).toBe(false);
    expect(stored[1]).toMatchObject({ crm_id: 'B', last_name: null, amount: null, seen_at: null, seats: null, starts_on: null, opens_at: null, tags: null, active: null, notes: '' });
  });

  it('never applies an older version over a newer one', async () => {
    await apply([upsert('A', { LastName: 'New' }, T2)]);
    expect(await apply([upsert('A', { LastName: 'Old' }, T1)])).toMatchObject({ skipped: 1, updated: 0 });
    expect((await rows())[0]?.['last_name']).toBe('New');
  });

  it('counts each record of a mixed batch once: new, changed, older (skipped, with no reject for its values)', async () => {
    await apply([upsert('A', { LastName: 'Ada' }), upsert('B', { LastName: 'Bob' }, T2)]);
    const outcome = await apply([
      upsert('A', { LastName: 'Ada L.' }, T2),
      upsert('B', { LastName: 'Far too long a name' }, T1),
      upsert('C', { LastName: 'Cy', Amount: '12345.678' }),
    ]);
    expect(outcome).toMatchObject({ inserted: 1, updated: 1, skipped: 1 });
    expect(outcome.rejects.map((r) => [r.crmId, r.field])).toEqual([['C', 'Amount']]);
    expect((await rows()).map((r) => [r['crm_id'], r['last_name']])).toEqual([
      ['A', 'Ada L.'],
      ['B', 'Bob'],
      ['C', 'Cy'],
    ]);
  });

  it('counts new, changed and older records of a batch without rejects, whatever gaps earlier conflicts left in the hub ids', async () => {
    await apply([upsert('A', { LastName: 'Ada' }), upsert('B', { LastName: 'Bob' }, T2)]);
    await apply([upsert('A', { LastName: 'Ada' }, T2), upsert('C', { LastName: 'Cy' })]); // A's conflict may use up an id
    await ds.query(`INSERT INTO ${TABLE} (crm_id, hub_updated_at, last_name) VALUES ('H', '${T1}', 'Hub')`); // a row made in the hub
    const outcome = await apply([upsert('A', { LastName: 'Ada L.' }, T2), upsert('B', { LastName: 'Old' }, T1), upsert('D', { LastName: 'Di' }), upsert('E', { LastName: 'Ed' })]);
    expect(outcome).toEqual({ inserted: 2, updated: 1, deleted: 0, skipped: 1, rejects: [] });
    expect((await rows()).map((r) => [r['crm_id'], r['last_name']])).toEqual([
      ['A', 'Ada L.'],
      ['B', 'Bob'],
      ['C', 'Cy'],
      ['D', 'Di'],
      ['E', 'Ed'],
      ['H', 'Hub'],
    ]);
  });

  it('folds several messages of one record in a batch, in order', async () => {
    const outcome = await apply([upsert('A', { LastName: 'One' }), upsert('A', { Amount: '1.00' }, T2), remove('B'), upsert('B', { LastName: 'Back' })]);
    expect(outcome).toMatchObject({ inserted: 2 });
    expect((await rows()).map((r) => [r['crm_id'], r['last_name']])).toEqual([
      ['A', 'One'],
      ['B', 'Back'],
    ]);
  });

  it('soft-deletes, revives on a later upsert, and hard-deletes when the job says so', async () => {
    await apply([upsert('A', { LastName: 'Ada' }), upsert('B', { LastName: 'Bob' })]);
    expect(await apply([remove('A'), remove('missing')])).toMatchObject({ deleted: 1 });
    expect(await apply([remove('A')])).toMatchObject({ deleted: 0 }); // deleted already
    expect((await rows()).find((r) => r['crm_id'] === 'A')?.['hub_deleted_at']).not.toBeNull();
    await apply([upsert('A', { LastName: 'Ada' }, T2)]);
    expect((await rows()).find((r) => r['crm_id'] === 'A')?.['hub_deleted_at']).toBeNull();
    expect(await apply([remove('B'), remove('missing')], { ...target, deletes: 'hard' })).toMatchObject({ deleted: 1 });
    expect((await rows()).map((r) => r['crm_id'])).toEqual(['A']);
  });

  it('rejects values that do not fit, and stores the rest of the record', async () => {
    const outcome = await apply([upsert('A', { LastName: 'Far too long a name', Amount: '12345.678', Active: true })]);
    expect(outcome.inserted).toBe(1);
    expect(outcome.rejects.map((r) => [r.crmId, r.field, r.code])).toEqual([
      ['A', 'LastName', 'VALUE_TOO_LONG'],
      ['A', 'Amount', 'VALUE_OUT_OF_RANGE'],
    ]);
    const [row] = await rows();
    expect(row?.['last_name']).toBeNull();
    expect(row?.['active']).toBeTruthy();
  });
});
