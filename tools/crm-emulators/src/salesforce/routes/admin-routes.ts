import type { EmulatorRequest, EmulatorResponse, HttpsEmulator } from '../../common/https-emulator';
import type { FaultSettings } from '../../common/faults';
import type { SalesforceEmulator, SalesforceRecordLockSettings, SalesforceSeedOptions } from '../salesforce-emulator.types';

/** Seed answers list the ids only up to this many records (a million ids is 20 MB of JSON). */
const MAX_IDS_IN_ANSWER = 10_000;

type Body = Record<string, unknown>;

/**
 * The control interface over HTTP, for the demo and out-of-process tests: `/__emulator/…`, no
 * authentication, never counted nor faulted. Failures answer 400 `{error}`.
 */
export function adminRoutes(server: HttpsEmulator, sf: SalesforceEmulator): void {
  const admin = (method: string, path: string, handler: (req: EmulatorRequest, body: Body) => unknown) =>
    server.route(method, `/__emulator${path}`, null, (req): EmulatorResponse => {
      try {
        const body = req.body.length ? req.json<Body>() : {};
        const result = handler(req, body);
        return result === undefined ? { status: 204 } : { status: 200, body: result as object };
      } catch (error) {
        return { status: 400, body: { error: error instanceof Error ? error.message : String(error) } };
      }
    });
  const object = (req: EmulatorRequest) => req.params['object'] as string;

  admin('GET', '/state', () => ({ url: sf.url, instanceUrl: sf.instanceUrl, credentials: sf.credentials, now: sf.clock.now().toISOString(), apiUsage: sf.apiUsage() }));

  admin('POST', '/seed/:object', (req, body) => {
    const ids = sf.seed(object(req), Number(body['count']), (body['options'] ?? {}) as SalesforceSeedOptions);
    return { count: ids.length, ...(ids.length <= MAX_IDS_IN_ANSWER ? { ids } : { firstId: ids[0], lastId: ids[ids.length - 1] }) };
  });
  admin('GET', '/records/:object', (req) => sf.records(object(req), { includeDeleted: req.url.searchParams.get('includeDeleted') === 'true' }));
  admin('POST', '/records/:object', (req, body) => ({ ids: sf.create(object(req), body['records'] as Body[]) }));
  admin('PATCH', '/records/:object', (req, body) => {
    sf.update(object(req), body['ids'] as string[], body['changes'] as Body, { ...(typeof body['modstamp'] === 'string' ? { modstamp: body['modstamp'] } : {}) });
  });
  admin('POST', '/records/:object/delete', (req, body) => sf.delete(object(req), body['ids'] as string[]));
  admin('POST', '/recycle-bin/empty', (_req, body) => sf.emptyRecycleBin(body['object'] as string | undefined));
  admin('POST', '/delete-log/:object/purge', (req, body) => sf.purgeDeleteLog(object(req), body['before'] as string | undefined));
  admin('POST', '/truncate/:object', (req) => sf.truncate(object(req)));

  admin('POST', '/schema/:object/fields', (req, body) => sf.addField(object(req), body));
  admin('DELETE', '/schema/:object/fields/:field', (req) => sf.removeField(object(req), req.params['field'] as string));
  admin('PUT', '/schema/:object/fields/:field/picklist', (req, body) =>
    sf.setPicklistValues(object(req), req.params['field'] as string, body['values'] as { value: string }[]),
  );

  admin('GET', '/clock', () => ({ now: sf.clock.now().toISOString() }));
  admin('POST', '/clock', (_req, body) => {
    if (typeof body['advanceMs'] === 'number') sf.clock.advance(body['advanceMs']);
    if (typeof body['set'] === 'string') sf.clock.set(body['set'], body['allowBackwards'] === true);
    return { now: sf.clock.now().toISOString() };
  });

  admin('PUT', '/faults', (_req, body) => sf.faults.configure(body as unknown as FaultSettings));
  admin('DELETE', '/faults', () => sf.faults.clear());
  admin('PUT', '/locks', (_req, body) => sf.setRecordLocks(body as SalesforceRecordLockSettings));
  admin('DELETE', '/locks', () => sf.setRecordLocks(null));
  admin('GET', '/counters', () => sf.counters.snapshot());
  admin('DELETE', '/counters', () => sf.counters.reset());

  admin('POST', '/instance/switch', () => ({ instanceUrl: sf.switchInstance() }));
  admin('POST', '/sessions/expire', () => sf.expireSessions());
  admin('POST', '/refresh-token/revoke', () => sf.revokeRefreshToken());
  admin('GET', '/api-usage', () => sf.apiUsage());
  admin('PUT', '/api-usage', (_req, body) => {
    sf.setApiUsage(Number(body['used']), body['limit'] === undefined ? undefined : Number(body['limit']));
    return sf.apiUsage();
  });
}
