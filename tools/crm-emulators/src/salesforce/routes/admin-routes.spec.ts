import { startSalesforceEmulator } from '../start-salesforce-emulator';
import type { SalesforceEmulator } from '../salesforce-emulator.types';
import { adminRoutes } from './admin-routes';

describe(adminRoutes.name, () => {
  let sf: SalesforceEmulator;
  beforeAll(async () => (sf = await startSalesforceEmulator()));
  afterAll(() => sf.close());

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sf.url}/__emulator${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  it('seeds, creates, updates, deletes and lists records over HTTP, without counting API calls', async () => {
    sf.counters.reset();
    const seeded = await call('POST', '/seed/Account', { count: 3, options: { modstamp: '2026-01-01T00:00:00Z' } });
    expect(seeded.body).toEqual({ count: 3, ids: expect.arrayContaining([expect.stringMatching(/^001/)]) });
    const created = await call('POST', '/records/Account', { records: [{ Name: 'Admin made' }] });
    const [id] = created.body.ids as string[];
    expect((await call('PATCH', '/records/Account', { ids: [id], changes: { Rating: 'Hot' }, modstamp: '2026-02-01T00:00:00Z' })).status).toBe(204);
    const listed = (await call('GET', '/records/Account')).body as Record<string, unknown>[];
    expect(listed.find((r) => r['Id'] === id)).toMatchObject({ Name: 'Admin made', Rating: 'Hot', SystemModstamp: '2026-02-01T00:00:00.000+0000' });
    expect((await call('POST', '/records/Account/delete', { ids: [id] })).status).toBe(204);
    expect(((await call('GET', '/records/Account')).body as unknown[]).length).toBe(3);
    expect(((await call('GET', '/records/Account?includeDeleted=true')).body as unknown[]).length).toBe(4);
    expect((await call('POST', '/recycle-bin/empty', { object: 'Account' })).status).toBe(204);
    expect(((await call('GET', '/records/Account?includeDeleted=true')).body as unknown[]).length).toBe(3);
    expect((await call('POST', '/truncate/Account')).status).toBe(204);
    expect((await call('GET', '/records/Account?includeDeleted=true')).body).toEqual([]);
    expect(sf.counters.total()).toBe(0);
    expect(sf.apiUsage().used).toBe(0);
  });

  it('reads one record and a describe, and faults Bulk result pages, over HTTP', async () => {
    const [id] = (await call('POST', '/records/Lead', { records: [{ LastName: 'One', Company: 'Acme' }] })).body.ids as string[];
    expect((await call('GET', `/records/Lead/${id}`)).body).toMatchObject({ Id: id, LastName: 'One', Status: 'Open - Not Contacted', IsConverted: false });
    expect((await call('GET', `/records/Lead/${(id as string).slice(0, 15)}`)).body).toMatchObject({ Id: id }); // 15-character ids too
    await call('POST', '/records/Lead/delete', { ids: [id] });
    expect((await call('GET', `/records/Lead/${id}`)).status).toBe(400);
    expect((await call('GET', `/records/Lead/${id}?includeDeleted=true`)).body).toMatchObject({ Id: id, IsDeleted: true });
    const describe = (await call('GET', '/schema/Lead')).body as { name: string; fields: { name: string; defaultedOnCreate: boolean }[] };
    expect(describe.name).toBe('Lead');
    expect(describe.fields.find((f) => f.name === 'Status')).toMatchObject({ defaultedOnCreate: true });
    expect((await call('PUT', '/bulk/results-fault', { afterPages: 1 })).status).toBe(204);
    expect((await call('DELETE', '/bulk/results-fault')).status).toBe(204);
    expect((await call('POST', '/bulk/jobs/purge')).status).toBe(204);
  });

  it('answers 400 with the reason when a control call is refused', async () => {
    expect(await call('POST', '/records/Contact', { records: [{ FirstName: 'No last name' }] })).toEqual({
      status: 400,
      body: { error: 'create failed: #0: REQUIRED_FIELD_MISSING Required fields are missing: [LastName]' },
    });
    expect((await call('POST', '/seed/Nope__c', { count: 1 })).body).toEqual({ error: 'The emulated org has no object Nope__c' });
  });

  it('moves the clock, sets faults, locks, usage, sessions and instance, and reads counters', async () => {
    const before = Date.parse((await call('GET', '/clock')).body.now);
    const moved = Date.parse((await call('POST', '/clock', { advanceMs: 3_600_000 })).body.now);
    expect(moved - before).toBeGreaterThanOrEqual(3_600_000);
    expect((await call('PUT', '/faults', { rate: 0, kinds: ['unavailable'], next: 1 })).status).toBe(204);
    expect((await fetch(`${sf.url}/services/data/v62.0/limits`)).status).toBe(503);
    expect((await call('GET', '/counters')).body).toEqual({ limits: 1 });
    expect((await call('DELETE', '/counters')).status).toBe(204);
    expect((await call('PUT', '/api-usage', { used: 10, limit: 20 })).body).toEqual({ used: 10, limit: 20 });
    expect((await call('PUT', '/locks', { next: 1 })).status).toBe(204);
    expect((await call('POST', '/records/Lead', { records: [{ LastName: 'L', Company: 'C' }] })).body.error).toMatch(/UNABLE_TO_LOCK_ROW/);
    expect((await call('DELETE', '/locks')).status).toBe(204);
    expect((await call('POST', '/instance/switch')).body.instanceUrl).toMatch(/^https:\/\/127\.0\.0\.1:/);
    expect((await call('GET', '/state')).body).toMatchObject({ url: sf.url, instanceUrl: sf.instanceUrl, credentials: { clientId: sf.credentials.clientId } });
    expect((await call('POST', '/instance/switch')).body.instanceUrl).toBe(sf.url);
    expect((await call('POST', '/sessions/expire')).status).toBe(204);
    expect((await call('POST', '/refresh-token/revoke')).status).toBe(204);
  });

  it('changes the schema as an admin would: fields added, removed, picklist values replaced', async () => {
    expect((await call('POST', '/schema/Opportunity/fields', { name: 'Region__c', type: 'picklist', label: 'Region', restrictedPicklist: true })).status).toBe(204);
    expect((await call('PUT', '/schema/Opportunity/fields/Region__c/picklist', { values: [{ value: 'North' }, { value: 'South', active: false }] })).status).toBe(204);
    const opportunity = { Name: 'Deal', StageName: 'Prospecting', CloseDate: '2026-06-30' };
    expect((await call('POST', '/records/Opportunity', { records: [{ ...opportunity, Region__c: 'North' }] })).status).toBe(200);
    expect((await call('POST', '/records/Opportunity', { records: [{ ...opportunity, Region__c: 'South' }] })).body.error).toMatch(/INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST/);
    expect((await call('DELETE', '/schema/Opportunity/fields/Region__c')).status).toBe(204);
    expect((await call('DELETE', '/schema/Opportunity/fields/Name')).body.error).toMatch(/cannot be removed/);
  });
});
