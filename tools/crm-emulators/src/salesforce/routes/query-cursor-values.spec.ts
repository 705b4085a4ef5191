import type { Connection } from 'jsforce';
import { startSalesforceEmulator } from '../start-salesforce-emulator';
import type { QueryCursorValues, SalesforceEmulator } from '../salesforce-emulator.types';
import { connect, rest } from '../test-support/salesforce-test-kit';

interface Page {
  nextRecordsUrl?: string;
  records: Record<string, unknown>[];
}

/** Every record of a cursor, edits made by `between` after its first page. */
async function pageThrough(conn: Connection, endpoint: 'query' | 'queryAll', soql: string, between: () => void): Promise<Record<string, unknown>[]> {
  const first = (await (await rest(conn, `/${endpoint}?q=${encodeURIComponent(soql)}`)).json()) as Page;
  between();
  const seen = [...first.records];
  for (let next = first.nextRecordsUrl; next; ) {
    const page = (await (await rest(conn, `${conn.instanceUrl}${next}`)).json()) as Page;
    seen.push(...page.records);
    next = page.nextRecordsUrl;
  }
  return seen;
}

/** The `queryCursorValues` option: which version of a record changed while a client pages a cursor. */
describe.each<QueryCursorValues>(['snapshot', 'live'])("query cursors with queryCursorValues '%s'", (mode) => {
  let sf: SalesforceEmulator;
  let conn: Connection;
  let ids: string[];
  beforeAll(async () => {
    sf = await startSalesforceEmulator({ queryPageSize: 250, queryCursorValues: mode });
    conn = await connect(sf);
  });
  afterAll(() => sf.close());
  beforeEach(() => {
    sf.truncate('Account');
    ids = sf.seed('Account', 1000, { modstamp: new Date(sf.clock.nowMs() - 60_000).toISOString() });
  });

  it('keeps the records and their order fixed; their values are the snapshot or the live ones', async () => {
    const changed = ids.slice(600, 610);
    const seen = await pageThrough(conn, 'query', 'SELECT Id, Name, SystemModstamp FROM Account ORDER BY SystemModstamp, Id', () => {
      sf.clock.advance(5_000);
      sf.update('Account', changed, { Name: 'Changed while paging' });
      sf.delete('Account', ids.slice(700, 705));
      sf.create('Account', [{ Name: 'Created while paging' }]);
    });
    expect(seen.map((r) => r['Id'])).toEqual(ids); // neither the new record nor a repeat, deleted ones still there
    const names = seen.filter((r) => changed.includes(r['Id'] as string)).map((r) => r['Name']);
    expect(names.every((n) => n === 'Changed while paging')).toBe(mode === 'live');
    expect(names.some((n) => n === 'Changed while paging')).toBe(mode === 'live');
    // Live values carry the new stamp: out of the query's ORDER BY.
    const stamps = seen.map((r) => Date.parse(String(r['SystemModstamp'])));
    const ordered = stamps.every((t, i) => i === 0 || t >= (stamps[i - 1] as number));
    expect(ordered).toBe(mode === 'snapshot');
  });

  it('shows records deleted while paging as deleted in a queryAll cursor only when live', async () => {
    const gone = ids.slice(500, 505);
    const seen = await pageThrough(conn, 'queryAll', 'SELECT Id, IsDeleted FROM Account ORDER BY Id', () => sf.delete('Account', gone));
    expect(seen.map((r) => r['Id'])).toEqual(ids);
    expect(seen.filter((r) => r['IsDeleted'] === true).map((r) => r['Id'])).toEqual(mode === 'live' ? gone : []);
  });
});
