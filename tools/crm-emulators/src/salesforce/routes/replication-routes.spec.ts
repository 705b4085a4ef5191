import type { Connection } from 'jsforce';
import { startSalesforceEmulator } from '../start-salesforce-emulator';
import type { SalesforceEmulator } from '../salesforce-emulator.types';
import { connect, failure } from '../test-support/salesforce-test-kit';
import { replicationRoutes } from './replication-routes';

const DAY = 24 * 3600_000;

describe(replicationRoutes.name, () => {
  let sf: SalesforceEmulator;
  let conn: Connection;
  beforeAll(async () => {
    sf = await startSalesforceEmulator();
    sf.clock.set('2026-03-10T12:00:30.000Z', true);
    conn = await connect(sf);
  });
  afterAll(() => sf.close());

  it('lists updated ids by SystemModstamp, ignoring seconds, with latestDateCovered for the next call', async () => {
    const seeded = sf.seed('Account', 5, { modstamp: '2026-03-09T10:00:15Z' });
    const later = sf.seed('Account', 2, { modstamp: '2026-03-09T10:05:10Z' });
    const result = (await conn.sobject('Account').updated('2026-03-09T10:00:45Z', '2026-03-09T10:05:59Z')) as { ids: string[]; latestDateCovered: string };
    expect(result).toEqual({ ids: seeded, latestDateCovered: '2026-03-09T10:05:00.000+0000' });
    const next = (await conn.sobject('Account').updated(result.latestDateCovered, '2026-03-09T11:00:00Z')) as { ids: string[] };
    expect(next.ids).toEqual(later);
    sf.delete('Account', [seeded[0] as string]);
    const now = (await conn.sobject('Account').updated('2026-03-09T00:00:00Z', '2026-03-11T00:00:00Z')) as { ids: string[]; latestDateCovered: string };
    expect(now.ids).not.toContain(seeded[0]);
    expect(now.latestDateCovered).toBe('2026-03-10T12:00:00.000+0000');
  });

  it('refuses windows older than 30 days or reversed with INVALID_REPLICATION_DATE', async () => {
    expect((await failure(conn.sobject('Account').updated(new Date(sf.clock.nowMs() - 31 * DAY), sf.clock.now()))).errorCode).toBe('INVALID_REPLICATION_DATE');
    expect((await failure(conn.sobject('Account').updated('2026-03-10T10:00:00Z', '2026-03-10T09:00:00Z'))).errorCode).toBe('INVALID_REPLICATION_DATE');
  });

  it('lists deleted records with deletedDate, earliestDateAvailable (15 days) and latestDateCovered', async () => {
    const [a, b] = sf.create('Lead', [{ LastName: 'A', Company: 'x' }, { LastName: 'B', Company: 'y' }]) as [string, string];
    const before = Math.floor(sf.clock.nowMs() / 1000) * 1000;
    sf.delete('Lead', [a]);
    const after = sf.clock.nowMs();
    sf.clock.advance(90_000);
    sf.delete('Lead', [b]);
    sf.emptyRecycleBin('Lead');
    const start = new Date(sf.clock.nowMs() - 10 * 60_000);
    const result = (await conn.sobject('Lead').deleted(start, new Date(sf.clock.nowMs() + 60_000))) as {
      deletedRecords: { id: string; deletedDate: string }[];
      earliestDateAvailable: string;
      latestDateCovered: string;
    };
    expect(result.deletedRecords.map((r) => r.id)).toEqual([a, b]);
    const deletedMs = Date.parse((result.deletedRecords[0]?.deletedDate ?? '').replace('+0000', 'Z'));
    expect(deletedMs >= before && deletedMs <= after && deletedMs % 1000 === 0).toBe(true);
    expect(result.earliestDateAvailable).toBe('2026-02-23T12:02:00.000+0000');
    expect(result.latestDateCovered).toBe('2026-03-10T12:02:00.000+0000');
    expect((await conn.query('SELECT Id FROM Lead').scanAll(true).execute()).records).toEqual([]);
  });

  it('refuses a getDeleted start older than 15 days, and shows an early purge in earliestDateAvailable', async () => {
    const tooOld = new Date(sf.clock.nowMs() - 16 * DAY);
    expect((await failure(conn.sobject('Lead').deleted(tooOld, sf.clock.now()))).errorCode).toBe('INVALID_REPLICATION_DATE');
    const start = new Date(sf.clock.nowMs() - DAY);
    sf.purgeDeleteLog('Lead');
    const result = (await conn.sobject('Lead').deleted(start, new Date(sf.clock.nowMs() + 60_000))) as { deletedRecords: unknown[]; earliestDateAvailable: string };
    expect(result.deletedRecords).toEqual([]);
    expect(Date.parse(result.earliestDateAvailable.replace('+0000', 'Z'))).toBeGreaterThan(start.getTime());
  });
});
