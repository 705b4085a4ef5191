import { CrmRateLimitError, type SyncMessage } from '@crm-hub/plugin-sdk';
import { startHarness, type DataverseHarness } from '../test-support/dataverse-harness';
import { recordingFetch } from '@crm-hub/plugin-testing';
import { WebApiClient } from './web-api-client';

describe(WebApiClient.name, () => {
  let h: DataverseHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(() => h.close());
  afterEach(() => h.emulator.setRequestLimit(undefined));

  it('rides out a 429 storm by honouring Retry-After, telling the host with status messages', async () => {
    h.emulator.truncate('lead');
    const seeded = h.emulator.seed('lead', 40);
    const recorder = recordingFetch();
    const { connector } = await h.open({ maxRetries: 10 }, { fetch: recorder.fetch });
    h.emulator.setRequestLimit({ requests: 3, windowMs: 1_000, retryAfterSeconds: 1 });
    const messages: SyncMessage[] = await h.read(connector, { object: 'lead', fields: [], pageSize: 5 });

    expect(new Set(messages.flatMap((m) => (m.kind === 'upsert' ? [m.id] : [])))).toEqual(new Set(seeded));
    const throttled = recorder.exchanges.filter((e) => e.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    const statuses = messages.filter((m) => m.kind === 'status' && m.code === 'rate-limited');
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((m) => m.kind === 'status' && typeof m.retryAt === 'string')).toBe(true);
    // Nothing was sent while a Retry-After was running (the SDK's fetch adds no delay).
    for (const hit of throttled) {
      const waitMs = Number(hit.responseHeaders.get('retry-after')) * 1000;
      const next = recorder.exchanges.find((e) => e.startedAt > hit.startedAt);
      if (next) expect(next.startedAt - hit.startedAt).toBeGreaterThanOrEqual(waitMs - 50);
    }
  }, 60_000);

  it('gives up after maxRetries with CrmRateLimitError carrying retryAfterMs, code and status', async () => {
    const { connector } = await h.open({ maxRetries: 0 });
    await connector.discover({ objects: ['lead'] }); // metadata cached, token in hand
    h.emulator.setRequestLimit({ requests: 0, windowMs: 10_000, retryAfterSeconds: 2 }); // an exhausted budget
    h.emulator.counters.reset();
    const error = await h.read(connector, { object: 'lead', fields: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmRateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 2000, code: '0x80072322', status: 429 });
    expect(h.emulator.counters.get('query')).toBe(1); // maxRetries 0: asked once, not again
  });
});
