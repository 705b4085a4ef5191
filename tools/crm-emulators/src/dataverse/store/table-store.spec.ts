import { EmulatorClock } from '../../common/clock';
import { MetadataRegistry } from '../metadata/metadata-registry';
import { readDeltaToken, writeDeltaToken } from '../odata/delta-token';
import { readPagingCookie, writePagingCookie } from '../odata/paging-cookie';
import { EnvironmentStore } from './environment-store';
import { SeedSegment } from './seed-segment';
import { TableStore } from './table-store';

describe(TableStore.name, () => {
  const registry = new MetadataRegistry();
  const setup = () => {
    const store = new EnvironmentStore(registry, new EmulatorClock());
    const table = store.table('new_subscription');
    const segment = new SeedSegment(registry, table.def, { count: 10, offset: 0, batch: 1, firstVersion: store.version + 1 });
    store.version += 10;
    table.addSegment(segment);
    return { store, table, segment };
  };
  const ids = (rows: Iterable<Record<string, unknown>>) => [...rows].map((r) => r['new_subscriptionid']);

  it('generates seeded rows on demand and merges them with stored rows in every index', () => {
    const { store, table, segment } = setup();
    expect(table.size).toBe(10);
    expect(table.get(segment.id(3))).toMatchObject({ new_code: 'S-0000004', versionnumber: segment.firstVersion + 3 });
    const created = store.create('new_subscription', { new_code: 'X-1' }, { id: '00000000-0000-4000-8000-000000000001' });
    expect(ids(table.byIdFrom())[0]).toBe(created['new_subscriptionid']);
    expect(ids(table.byIdFrom(segment.id(8)))).toEqual([segment.id(9)]);
    expect(ids(table.byVersionAfter(segment.firstVersion + 8))).toEqual([segment.id(9), created['new_subscriptionid']]);
    expect(ids(table.byModifiedFrom()).pop()).toBe(created['new_subscriptionid']);
  });

  it('hides a seeded row once it is updated or deleted, and undoes both in a failed change set', () => {
    const { store, table, segment } = setup();
    const updated = store.update('new_subscription', segment.id(0), { new_name: 'Changed' });
    expect(table.get(segment.id(0))).toBe(updated);
    expect(ids(table.byIdFrom()).filter((id) => id === segment.id(0))).toHaveLength(1);
    store.delete('new_subscription', segment.id(1));
    expect(table.get(segment.id(1))).toBeUndefined();
    expect(table.size).toBe(9);
    expect(() =>
      store.atomically(() => {
        store.delete('new_subscription', segment.id(2));
        store.update('new_subscription', segment.id(3), { new_name: 'Rolled back' });
        throw new Error('operation failed');
      }),
    ).toThrow('operation failed');
    expect(table.get(segment.id(2))).toBeDefined();
    expect(table.get(segment.id(3))?.['new_name']).toBe('Subscription 4');
    expect(table.tombstones.map((t) => t.id)).toEqual([segment.id(1)]);
  });

  it('finds seeded rows by alternate key and refuses duplicates of their keys', () => {
    const { store, table, segment } = setup();
    expect(table.findByKey('new_code_key', { new_code: 's-0000005' })).toBe(segment.id(4));
    expect(() => store.create('new_subscription', { new_code: 'S-0000005' })).toThrow(/Entity Key new_code_key violated/);
    store.update('new_subscription', segment.id(4), { new_code: 'Moved' });
    expect(table.findByKey('new_code_key', { new_code: 'S-0000005' })).toBeUndefined();
    expect(table.findByKey('new_code_key', { new_code: 'moved' })).toBe(segment.id(4));
  });
});

describe(writePagingCookie.name, () => {
  it('writes the service-shaped cookie and reads it back', () => {
    const token = writePagingCookie({ pageNumber: 2, tracking: false, columns: [{ name: 'accountid', last: '{ABC}', first: '{DEF}' }], attributes: { remaining: '5' } });
    expect(token).toBe(
      '<cookie pagenumber="2" pagingcookie="%3ccookie%20page%3d%221%22%20remaining%3d%225%22%3e%3caccountid%20last%3d%22%7bABC%7d%22%20first%3d%22%7bDEF%7d%22%20%2f%3e%3c%2fcookie%3e" istracking="False" />',
    );
    expect(readPagingCookie(token)).toEqual({ pageNumber: 2, tracking: false, columns: [{ name: 'accountid', last: '{ABC}', first: '{DEF}' }], attributes: { remaining: '5' } });
    expect(() => readPagingCookie('garbage')).toThrow(/not a valid paging cookie/);
  });

  it('writes delta tokens as version!MM/dd/yyyy HH:mm:ss', () => {
    const issued = Date.UTC(2017, 7, 22, 8, 10, 44);
    expect(writeDeltaToken(919042, issued)).toBe('919042!08/22/2017 08:10:44');
    expect(readDeltaToken('919042!08/22/2017 08:10:44')).toEqual({ version: 919042, issuedMs: issued });
  });
});
