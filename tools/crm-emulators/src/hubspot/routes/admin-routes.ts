import { adminRouter, seedAnswer, type AdminBody as Body } from '../../common/admin-routes';
import type { EmulatorRequest, HttpsEmulator } from '../../common/https-emulator';
import type { FaultSettings } from '../../common/faults';
import type { HubSpotEmulator, HubSpotNewProperty, HubSpotSeedOptions } from '../hubspot-emulator.types';

/**
 * The control interface over HTTP, for the demo and out-of-process tests: `/__emulator/…`, no
 * authentication, never counted, throttled nor faulted. Failures answer 400 `{error}`.
 */
export function adminRoutes(server: HttpsEmulator, hs: HubSpotEmulator): void {
  const admin = adminRouter(server);
  const object = (req: EmulatorRequest) => req.params['object'] as string;

  admin('GET', '/state', () => ({ url: hs.url, portalId: hs.portalId, credentials: hs.credentials, now: hs.clock.now().toISOString(), dailyUsage: hs.dailyUsage() }));

  admin('POST', '/objects/:object/seed', (req, body) => {
    const ids = hs.seed(object(req), Number(body['count']), (body['options'] ?? {}) as HubSpotSeedOptions);
    return seedAnswer(ids);
  });
  admin('GET', '/objects/:object/records', (req) => hs.records(object(req), { archived: req.url.searchParams.get('archived') === 'true' }));
  admin('GET', '/objects/:object/records/:id', (req) => {
    const record = hs.record(object(req), req.params['id'] as string);
    if (!record) throw new Error(`No ${object(req)} record ${req.params['id']}`);
    return record;
  });
  admin('POST', '/objects/:object/records', (req, body) => ({ ids: hs.create(object(req), body['records'] as Body[]) }));
  admin('PATCH', '/objects/:object/records', (req, body) =>
    hs.update(object(req), body['ids'] as string[], body['changes'] as Body, typeof body['modifiedAt'] === 'string' ? { modifiedAt: body['modifiedAt'] } : {}),
  );
  admin('POST', '/objects/:object/archive', (req, body) => hs.archive(object(req), body['ids'] as string[]));
  admin('POST', '/objects/:object/truncate', (req) => hs.truncate(object(req)));

  admin('GET', '/properties/:object', (req) => hs.properties(object(req)));
  admin('POST', '/properties/:object', (req, body) => hs.addProperty(object(req), body as unknown as HubSpotNewProperty));
  admin('DELETE', '/properties/:object/:name', (req) => hs.removeProperty(object(req), req.params['name'] as string));
  admin('PUT', '/properties/:object/:name/options', (req, body) => hs.setOptions(object(req), req.params['name'] as string, body['options'] as { value: string }[]));

  admin('GET', '/clock', () => ({ now: hs.clock.now().toISOString() }));
  admin('POST', '/clock', (_req, body) => {
    if (typeof body['advanceMs'] === 'number') hs.clock.advance(body['advanceMs']);
    if (typeof body['set'] === 'string') hs.clock.set(body['set'], body['allowBackwards'] === true);
    return { now: hs.clock.now().toISOString() };
  });
  admin('PUT', '/faults', (_req, body) => hs.faults.configure(body as unknown as FaultSettings));
  admin('DELETE', '/faults', () => hs.faults.clear());
  admin('GET', '/counters', () => hs.counters.snapshot());
  admin('DELETE', '/counters', () => hs.counters.reset());
  admin('PUT', '/rate-limits', (_req, body) => hs.setRateLimits(body));
  admin('PUT', '/daily-usage', (_req, body) => {
    hs.setDailyUsage(Number(body['used']));
    return hs.dailyUsage();
  });
  admin('POST', '/tokens/expire', () => hs.expireAccessTokens());
  admin('POST', '/refresh-token/revoke', () => hs.revokeRefreshToken());
}
