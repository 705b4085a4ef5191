import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/objects';
import type { HubSpotEmulator } from './hubspot-emulator.types';
import { startHubSpotEmulator } from './start-hubspot-emulator';
import { officialClient, oauthToken } from './test-support/hubspot-test-client';

/** The official client, unchanged, against the emulator: the independent proof of its API shapes. */
describe('HubSpot emulator with @hubspot/api-client 13', () => {
  let hs: HubSpotEmulator;
  beforeAll(async () => (hs = await startHubSpotEmulator()));
  afterAll(() => hs.close());
  beforeEach(() => hs.counters.reset());

  it('lists contacts in pages of at most 100 with an after cursor, and getAll follows every page', async () => {
    hs.truncate('contacts');
    const ids = hs.seed('contacts', 250);
    const client = officialClient(hs);
    const first = await client.crm.contacts.basicApi.getPage(100, undefined, ['email', 'hs_buying_role']);
    expect(first.results).toHaveLength(100);
    expect(first.results[0]).toMatchObject({ id: ids[0], properties: { email: 'contact1@example.com', hs_object_id: ids[0] } });
    expect(first.results[0]?.properties['hs_buying_role']).toMatch(/^[A-Z_]+;[A-Z_]+$/);
    expect(first.results[0]?.createdAt).toBeInstanceOf(Date);
    expect(first.paging?.next?.after).toEqual(expect.any(String));
    const all = await client.crm.contacts.getAll(100, undefined, ['email']);
    expect(all.map((c) => c.id)).toEqual(ids);
    expect(hs.counters.snapshot()).toEqual({ 'objects.list': 4 });
  });

  it('searches with filter groups, one sort and paging, and reads custom objects by their type id', async () => {
    hs.truncate('subscriptions');
    hs.seed('subscriptions', 30);
    const client = officialClient(hs);
    const page = await client.crm.objects.searchApi.doSearch('2-3508482', {
      filterGroups: [
        { filters: [{ propertyName: 'plan', operator: FilterOperatorEnum.Eq, value: 'premium' }] },
        { filters: [{ propertyName: 'seats', operator: FilterOperatorEnum.Gte, value: '19' }] },
      ],
      sorts: ['-seats'],
      properties: ['name', 'plan', 'seats', 'features'],
      limit: 5,
      after: '0',
    });
    const expected = hs.records('subscriptions').filter((r) => r.properties['plan'] === 'premium' || Number(r.properties['seats']) >= 19);
    expect(page.total).toBe(expected.length);
    expect(page.results).toHaveLength(5);
    const seats = page.results.map((r) => Number(r.properties['seats']));
    expect(seats).toEqual([...seats].sort((a, b) => b - a));
    expect(page.paging?.next?.after).toBe('5');
    const schemas = await client.crm.schemas.coreApi.getAll();
    expect(schemas.results.map((s) => [s.name, s.objectTypeId, s.requiredProperties])).toEqual([['subscriptions', '2-3508482', ['name']]]);
    const properties = await client.crm.properties.coreApi.getAll('subscriptions');
    expect(properties.results.find((p) => p.name === 'features')).toMatchObject({ type: 'enumeration', fieldType: 'checkbox' });
    expect(properties.results.find((p) => p.name === 'code')).toMatchObject({ hasUniqueValue: true });
  });

  it('batch-creates, updates (207 for a missing id), upserts by a unique property, reads and archives', async () => {
    hs.truncate('subscriptions');
    const client = officialClient(hs);
    const inputs = [1, 2, 3].map((i) => ({ properties: { name: `Client ${i}`, code: `C-${i}`, plan: 'basic' }, objectWriteTraceId: `t${i}`, associations: [] }));
    const created = await client.crm.objects.batchApi.create('subscriptions', { inputs });
    expect(created.status).toBe('COMPLETE');
    const byTrace = new Map(created.results.map((r) => [r.objectWriteTraceId, r.id]));
    expect([...byTrace.keys()].sort()).toEqual(['t1', 't2', 't3']);
    const [a, b] = [byTrace.get('t1') as string, byTrace.get('t2') as string];

    const updated = await client.crm.objects.batchApi.update('subscriptions', {
      inputs: [
        { id: a, properties: { plan: 'premium' } },
        { id: '1', properties: { plan: 'premium' } },
      ],
    });
    expect(updated).toMatchObject({ numErrors: 1, errors: [{ category: 'OBJECT_NOT_FOUND', context: { ids: ['1'] } }] });
    expect(hs.record('subscriptions', a)?.properties['plan']).toBe('premium');

    const upserted = await client.crm.objects.batchApi.upsert('subscriptions', {
      inputs: [
        { idProperty: 'code', id: 'C-2', properties: { name: 'Client 2 renamed' } },
        { idProperty: 'code', id: 'C-9', properties: { name: 'Client 9' } },
      ],
    });
    const flags = Object.fromEntries(upserted.results.map((r) => [r.properties['code'], r._new]));
    expect(flags).toEqual({ 'C-2': false, 'C-9': true });
    expect(hs.record('subscriptions', b)?.properties['name']).toBe('Client 2 renamed');

    const read = await client.crm.objects.batchApi.read('subscriptions', { inputs: [{ id: a }, { id: b }], properties: ['plan'], propertiesWithHistory: [] });
    expect(read.results.map((r) => r.id).sort()).toEqual([a, b].sort());
    await client.crm.objects.batchApi.archive('subscriptions', { inputs: [{ id: a }] });
    expect(hs.record('subscriptions', a)).toBeUndefined();
    expect(hs.records('subscriptions', { archived: true }).map((r) => r.id)).toEqual([a]);
    expect(hs.counters.snapshot()).toMatchObject({ 'batch.create': 1, 'batch.update': 1, 'batch.upsert': 1, 'batch.read': 1, 'batch.archive': 1 });
  });

  it('rejects a whole batch with an invalid value, and surfaces HubSpot errors and 429s as ApiException', async () => {
    const client = officialClient(hs);
    await expect(
      client.crm.objects.batchApi.create('subscriptions', { inputs: [{ properties: { name: 'Ok', plan: 'basic' }, associations: [] }, { properties: { name: 'Bad', plan: 'platinum' }, associations: [] }] }),
    ).rejects.toMatchObject({ code: 400, body: { category: 'VALIDATION_ERROR', errors: [{ code: 'INVALID_OPTION', context: { propertyName: ['plan'] } }] } });
    hs.setRateLimits({ tenSecondly: { max: 1, windowMs: 10_000 } });
    await client.crm.contacts.basicApi.getPage(1);
    await expect(client.crm.contacts.basicApi.getPage(1)).rejects.toMatchObject({ code: 429, body: { policyName: 'TEN_SECONDLY_ROLLING', errorType: 'RATE_LIMIT' } });
    hs.setRateLimits({ tenSecondly: { max: 190, windowMs: 10_000 } });
  });

  it('refreshes an OAuth access token with the client, and the token works until it expires', async () => {
    const { clientId, clientSecret, refreshToken } = hs.credentials;
    const client = officialClient(hs);
    const tokens = await client.oauth.tokensApi.create('refresh_token', undefined, undefined, clientId, clientSecret, refreshToken);
    expect(tokens).toMatchObject({ tokenType: 'bearer', expiresIn: 1800, refreshToken });
    const oauth = officialClient(hs, { accessToken: tokens.accessToken });
    await expect(oauth.crm.contacts.basicApi.getPage(1)).resolves.toMatchObject({ results: expect.any(Array) });
    hs.clock.advance(31 * 60 * 1000);
    await expect(oauth.crm.contacts.basicApi.getPage(1)).rejects.toMatchObject({ code: 401, body: { category: 'EXPIRED_AUTHENTICATION' } });
    expect(await oauthToken(hs)).not.toBe(tokens.accessToken);
  });
});
