import type { HubApi } from './support/hub-api';
import { insertRows } from './support/sync-tables';
import { useSyncWorld } from './support/sync-world';

const ROWS = 2_400;

/** Export to Dataverse through $batch (lookups bound by navigation property, multi-select values) and delete in the CRM. */
describe('sync: export and delete, Dynamics', () => {
  const world = useSyncWorld('sync-dv-export', { dataverse: {} });
  const raw = (): HubApi => world.raw();
  const api = () => world.api();
  const postgres = world.db.config.kind === 'postgres';
  let account: string;
  beforeAll(async () => (account = await world.dynamicsAccount()));

  it(`upserts ${ROWS} rows by alternate key in $batch calls of 1,000, binding lookups and multi-selects, then deletes (one record already gone)`, async () => {
    const accounts = world.dv.seed('account', 3);
    const schema = await api().schema(account, 'new_subscription', ['new_name', 'new_code', 'new_channels', 'new_accountid']);
    const rows = Array.from({ length: ROWS }, (_, i) => ['2026-01-01T00:00:00.000Z', `Subscription ${i}`, `SUB-${i}`, JSON.stringify(['727000000', '727000002']), accounts[i % 3]]);
    await insertRows(world.database.dataSource, postgres, schema.table, ['hub_updated_at', 'new_name', 'new_code', 'new_channels', 'new_accountid'], rows, 400);
    const job = await api().job({ name: 'Subscriptions out', accountId: account, schemaId: schema.id, operation: 'export', options: { writeMode: 'upsert', matchField: 'new_code' } });
    const before = world.dv.counters.snapshot()['batch'] ?? 0;
    expect(await api().runToEnd(job, {}, 300_000)).toMatchObject({ status: 'succeeded', counters: { inserted: ROWS, rejected: 0 } });
    expect((world.dv.counters.snapshot()['batch'] ?? 0) - before).toBe(Math.ceil(ROWS / 1_000));
    const stored = world.dv.rows('new_subscription');
    expect(stored).toHaveLength(ROWS);
    const sample = stored.find((r) => r['new_code'] === 'SUB-4');
    expect(sample).toMatchObject({ new_name: 'Subscription 4', new_channels: '727000000,727000002', _new_accountid_value: accounts[1] });

    const remove = await api().job({ name: 'Subscriptions deleted', accountId: account, schemaId: schema.id, operation: 'delete' });
    const doomed = (await world.database.dataSource.query(`SELECT hub_id, crm_id FROM "${schema.table}" ORDER BY hub_id LIMIT 3`)) as { hub_id: number; crm_id: string }[];
    for (const row of doomed) expect((await raw().call('DELETE', `/api/schemas/${schema.id}/records/${row.hub_id}`)).status).toBe(204);
    world.dv.delete('new_subscription', [doomed[0]?.crm_id as string]); // already gone in the CRM
    expect(await api().runToEnd(remove)).toMatchObject({ status: 'succeeded', counters: { deleted: 3, rejected: 0 } });
    expect(world.dv.rows('new_subscription')).toHaveLength(ROWS - 3);
    // The export does not send soft-deleted rows, and a second delete run has nothing to do.
    expect(await api().runToEnd(remove)).toMatchObject({ status: 'succeeded', counters: { read: 0 } });
  }, 400_000);
});
