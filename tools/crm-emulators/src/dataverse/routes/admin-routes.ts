import type { EmulatorRequest, EmulatorResponse, HttpsEmulator } from '../../common/https-emulator';
import type { FaultSettings } from '../../common/faults';
import type { DataverseEmulator, DataverseSeedOptions } from '../dataverse-emulator.types';

type Body = Record<string, unknown>;

function ok(body?: object): EmulatorResponse {
  return body === undefined ? { status: 204 } : { status: 200, body };
}

/** Control routes fail with a plain `{error}` (they are the emulator's, not the service's). */
function guarded(work: (req: EmulatorRequest) => EmulatorResponse): (req: EmulatorRequest) => EmulatorResponse {
  return (req) => {
    try {
      return work(req);
    } catch (error) {
      return { status: 400, body: { error: error instanceof Error ? error.message : String(error) } };
    }
  };
}

function body(req: EmulatorRequest): Body {
  return req.body.length ? req.json<Body>() : {};
}

/**
 * `/__emulator/…`: the control interface over HTTP for out-of-process use (not counted, not faulted, no
 * auth), one route per control method.
 */
export function registerAdminRoutes(emulator: HttpsEmulator, control: DataverseEmulator): void {
  const route = (method: string, path: string, work: (req: EmulatorRequest) => EmulatorResponse) =>
    emulator.route(method, `/__emulator${path}`, null, guarded(work));
  const table = (req: EmulatorRequest) => req.params['table'] as string;

  route('GET', '/info', () =>
    ok({ url: control.url, authorityUrl: control.authorityUrl, tokenEndpoint: control.tokenEndpoint, apiUrl: control.apiUrl, credentials: control.credentials, platform: control.platform }),
  );
  route('POST', '/tables/:table/seed', (req) => {
    const { count, options, includeIds } = body(req) as { count: number; options?: DataverseSeedOptions; includeIds?: boolean };
    const ids = control.seed(table(req), count, options);
    return ok(includeIds === false ? { count: ids.length } : { count: ids.length, ids });
  });
  route('POST', '/tables/:table/rows', (req) => ok({ ids: control.create(table(req), (body(req)['rows'] as Body[]) ?? []) }));
  route('PATCH', '/tables/:table/rows', (req) => {
    const { ids, changes, modifiedOn } = body(req) as { ids: string[]; changes: Body; modifiedOn?: string };
    control.update(table(req), ids, changes, { modifiedOn });
    return ok();
  });
  route('GET', '/tables/:table/rows', (req) => ok(control.rows(table(req))));
  route('GET', '/tables/:table/rows/:id', (req) => {
    const record = control.record(table(req), req.params['id'] as string);
    return record ? ok(record) : { status: 404, body: { error: `No row ${req.params['id']} in ${table(req)}` } };
  });
  route('POST', '/tables/:table/delete', (req) => {
    control.delete(table(req), (body(req)['ids'] as string[]) ?? []);
    return ok();
  });
  route('POST', '/tables/:table/truncate', (req) => {
    control.truncate(table(req));
    return ok();
  });
  route('POST', '/tables/:table/attributes', (req) => {
    control.addAttribute(table(req), body(req));
    return ok();
  });
  route('DELETE', '/tables/:table/attributes/:name', (req) => {
    control.removeAttribute(table(req), req.params['name'] as string);
    return ok();
  });
  route('PUT', '/option-sets/:name', (req) => {
    control.setOptions(req.params['name'] as string, (body(req)['options'] as { value: number; label: string }[]) ?? []);
    return ok();
  });
  route('GET', '/clock', () => ok({ now: control.clock.now().toISOString() }));
  route('POST', '/clock', (req) => {
    const { advanceMs, set, allowBackwards } = body(req) as { advanceMs?: number; set?: string; allowBackwards?: boolean };
    if (advanceMs !== undefined) control.clock.advance(advanceMs);
    if (set !== undefined) control.clock.set(set, allowBackwards === true);
    return ok({ now: control.clock.now().toISOString() });
  });
  route('GET', '/counters', () => ok(control.counters.snapshot()));
  route('DELETE', '/counters', () => {
    control.counters.reset();
    return ok();
  });
  route('PUT', '/faults', (req) => {
    control.faults.configure(body(req) as unknown as FaultSettings);
    return ok();
  });
  route('DELETE', '/faults', () => {
    control.faults.clear();
    return ok();
  });
  route('PUT', '/request-limit', (req) => {
    control.setRequestLimit(body(req) as { requests: number; windowMs: number; retryAfterSeconds?: number });
    return ok();
  });
  route('DELETE', '/request-limit', () => {
    control.setRequestLimit(undefined);
    return ok();
  });
  route('POST', '/expire-tokens', () => {
    control.expireTokens();
    return ok();
  });
  route('PUT', '/settings', (req) => {
    const { changeTrackingExpiryDays, maxPageSize, pricingDecimalPrecision } = body(req) as {
      changeTrackingExpiryDays?: number;
      maxPageSize?: number;
      pricingDecimalPrecision?: number;
    };
    if (changeTrackingExpiryDays !== undefined) control.setChangeTrackingExpiryDays(changeTrackingExpiryDays);
    if (maxPageSize !== undefined) control.setMaxPageSize(maxPageSize);
    if (pricingDecimalPrecision !== undefined) control.setPricingDecimalPrecision(pricingDecimalPrecision);
    return ok();
  });
  route('PUT', '/tables/:table/reject-writes', (req) => {
    control.rejectWrites(table(req), body(req) as { message?: string; subErrorCode?: string });
    return ok();
  });
  route('DELETE', '/tables/:table/reject-writes', (req) => {
    control.rejectWrites(table(req), undefined);
    return ok();
  });
}
