import type { HubSpotEmulator } from './hubspot-emulator.types';
import { startHubSpotEmulator } from './start-hubspot-emulator';
import { api, json } from './test-support/hubspot-test-client';

type Page = { total: number; results: { id: string; properties: Record<string, string | null> }[]; paging?: { next: { after: string } } };

describe('HubSpot emulator: search', () => {
  let hs: HubSpotEmulator;
  const search = (body: object) => api(hs, '/crm/v3/objects/contacts/search', { body });
  beforeAll(async () => (hs = await startHubSpotEmulator({ rateLimits: { searchPerSecond: 1000 } })));
  afterAll(() => hs.close());

  it('caps a query at 10,000 results: a page past them is a 400, whatever the total', async () => {
    hs.truncate('contacts');
    hs.seed('contacts', 10_050, { modifiedAt: '2026-03-01T10:00:00.000Z' });
    const last = await json<Page>(await search({ limit: 200, after: '9800' }));
    expect(last.total).toBe(10_050);
    expect(last.results).toHaveLength(200);
    const beyond = await search({ limit: 200, after: '9900' });
    expect(beyond.status).toBe(400);
    expect(await json(beyond)).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    expect((await search({ limit: 201 })).status).toBe(400);
  });

  it('orders equal sort values in no id order, and filters hs_object_id and stamps to page past the cap', async () => {
    const sameStamp = await json<Page>(await search({ limit: 50, sorts: [{ propertyName: 'lastmodifieddate', direction: 'ASCENDING' }] }));
    const ids = sameStamp.results.map((r) => Number(r.id));
    expect(ids).not.toEqual([...ids].sort((a, b) => a - b)); // ties are not ordered by id
    const lastId = hs.records('contacts')[9_999]?.id as string;
    const rest = await json<Page>(
      await search({
        limit: 200,
        filterGroups: [
          {
            filters: [
              { propertyName: 'lastmodifieddate', operator: 'EQ', value: String(Date.parse('2026-03-01T10:00:00.000Z')) },
              { propertyName: 'hs_object_id', operator: 'GT', value: lastId },
            ],
          },
        ],
        sorts: ['hs_object_id'],
      }),
    );
    expect(rest.total).toBe(50);
    expect(rest.results.map((r) => r.id)).toEqual(hs.records('contacts').slice(10_000).map((r) => r.id));
  });

  it('evaluates OR of ANDs, multi-checkbox values, HAS_PROPERTY and IN, and refuses more than one sort or 5 groups', async () => {
    hs.truncate('subscriptions');
    hs.seed('subscriptions', 12);
    const path = '/crm/v3/objects/subscriptions/search';
    const found = await json<Page>(
      await api(hs, path, {
        body: {
          filterGroups: [
            { filters: [{ propertyName: 'features', operator: 'EQ', value: 'sso' }, { propertyName: 'active', operator: 'EQ', value: 'true' }] },
            { filters: [{ propertyName: 'plan', operator: 'IN', values: ['enterprise'] }] },
          ],
          properties: ['features', 'active', 'plan'],
          limit: 100,
        },
      }),
    );
    const expected = hs
      .records('subscriptions')
      .filter((r) => (r.properties['features']?.split(';').includes('sso') && r.properties['active'] === 'true') || r.properties['plan'] === 'enterprise');
    expect(found.results.map((r) => r.id).sort()).toEqual(expected.map((r) => r.id).sort());
    const empty = await json<Page>(await api(hs, path, { body: { filterGroups: [{ filters: [{ propertyName: 'notes', operator: 'HAS_PROPERTY' }] }] } }));
    expect(empty.total).toBe(0);
    expect((await api(hs, path, { body: { sorts: ['name', 'code'] } })).status).toBe(400);
    const group = { filters: [{ propertyName: 'name', operator: 'HAS_PROPERTY' }] };
    expect((await api(hs, path, { body: { filterGroups: Array(6).fill(group) } })).status).toBe(400);
    expect((await api(hs, path, { body: { filterGroups: [{ filters: [{ propertyName: 'nope', operator: 'EQ', value: 'x' }] }] } })).status).toBe(400);
  });

  it('never finds archived records; the list endpoint shows them with archived=true and archivedAt', async () => {
    const [gone] = hs.records('subscriptions').map((r) => r.id);
    hs.archive('subscriptions', [gone as string]);
    const all = await json<Page>(await api(hs, '/crm/v3/objects/subscriptions/search', { body: { limit: 100 } }));
    expect(all.results.map((r) => r.id)).not.toContain(gone);
    const archived = await json<{ results: { id: string; archived: boolean; archivedAt: string }[] }>(await api(hs, '/crm/v3/objects/subscriptions?archived=true&limit=100'));
    expect(archived.results).toEqual([expect.objectContaining({ id: gone, archived: true, archivedAt: expect.any(String) })]);
  });
});
