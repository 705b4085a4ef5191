import { adminRouter, seedAnswer, type AdminBody as Body } from '../../common/admin-routes';
import type { EmulatorRequest, HttpsEmulator } from '../../common/https-emulator';
import type { FaultSettings } from '../../common/faults';
import type { SalesforceBulkResultFault, SalesforceEmulator, SalesforceRecordLockSettings, SalesforceSeedOptions } from '../salesforce-emulator.types';

/**
 * The control interface over HTTP, for the demo and out-of-process tests: `/__emulator/…`, no
 * authentication, never counted nor faulted. Failures answer 400 `{error}`.
 */
export function adminRoutes(server: HttpsEmulator, sf: SalesforceEmulator): void {
  const admin = adminRouter(server);
  const object = (req: EmulatorRequest) => req.params['object'] as string;

  admin('GET', '/state', () => ({ url: sf.url, instanceUrl: sf.instanceUrl, credentials: sf.credentials, now: sf.clock.now().toISOString(), apiUsage: sf.apiUsage() }));

  admin('POST', '/seed/:object', (req, body) => {
    const ids = sf.seed(object(req), Number(body['count']), (body['options'] ?? {}) as SalesforceSeedOptions);
    return seedAnswer(ids);
  });
  admin('GET', '/records/:object', (req) => sf.records(object(req), { includeDeleted: req.url.searchParams.get('includeDeleted') === 'true' }));
  admin('POST', '/records/:object', (req, body) => ({ ids: sf.create(object(req), body['records'] as Body[]) }));
  admin('GET', '/records/:object/:id', (req) => {
    const record = sf.record(object(req), req.params['id'] as string, { includeDeleted: req.url.searchParams.get('includeDeleted') === 'true' });
    if (record === undefined) throw new Error(`No ${object(req)} record ${req.params['id']}`);
    return record;
  });
  admin('PATCH', '/records/:object', (req, body) => {
    sf.update(object(req), body['ids'] as string[], body['changes'] as Body, { ...(typeof body['modstamp'] === 'string' ? { modstamp: body['modstamp'] } : {}) });
  });
  admin('POST', '/records/:object/delete', (req, body) => sf.delete(object(req), body['ids'] as string[]));
  admin('POST', '/recycle-bin/empty', (_req, body) => sf.emptyRecycleBin(body['object'] as string | undefined));
  admin('POST', '/delete-log/:object/purge', (req, body) => sf.purgeDeleteLog(object(req), body['before'] as string | undefined));
  admin('POST', '/truncate/:object', (req) => sf.truncate(object(req)));

  admin('GET', '/schema/:object', (req) => sf.describe(object(req)));
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
  admin('PUT', '/bulk/results-fault', (_req, body) => sf.failBulkResults(body as SalesforceBulkResultFault));
  admin('DELETE', '/bulk/results-fault', () => sf.failBulkResults(null));
  admin('POST', '/bulk/jobs/purge', () => sf.purgeBulkJobs());
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
