import type { EmulatorRequest, HttpsEmulator } from '../../common/https-emulator';
import { RestError } from '../errors';
import type { SalesforceOrg } from '../salesforce-org';
import { DAY_MS, floorToMinute, parseDateTime, restDateTime } from '../util/sf-dates';
import { apiRoute, json } from './route-kit';

const MAX_IDS = 600_000;

/**
 * getUpdated (30-day window) and getDeleted (15-day window). Both ignore seconds in start/end;
 * the next call should start at latestDateCovered.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_getupdated.htm
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_getdeleted.htm
 */
export function replicationRoutes(server: HttpsEmulator, org: SalesforceOrg): void {
  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_getupdated.htm
  server.route('GET', '/services/data/:version/sobjects/:object/updated', 'getUpdated', apiRoute(org, ({ req }) => {
    const def = org.schema.get(req.params['object'] as string);
    const { start, end, latest } = windowOf(req, org.clock.nowMs(), 30);
    const ids: string[] = [];
    for (const { row } of org.store.table(def).scanByStamp(start)) {
      if ((row['SystemModstamp'] as number) >= end) break;
      if (row['IsDeleted'] === true) continue;
      ids.push(row['Id'] as string);
      if (ids.length > MAX_IDS) throw new RestError(400, 'EXCEEDED_ID_LIMIT', `Too many ids; the limit is ${MAX_IDS}. Choose start and end dates that are closer together.`);
    }
    return json({ ids, latestDateCovered: restDateTime(latest) });
  }));

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_getdeleted.htm
  server.route('GET', '/services/data/:version/sobjects/:object/deleted', 'getDeleted', apiRoute(org, ({ req }) => {
    const def = org.schema.get(req.params['object'] as string);
    const now = org.clock.nowMs();
    const { start, end, latest } = windowOf(req, now, 15);
    const table = org.store.table(def);
    const deletedRecords = table.deleteLog
      .filter((e) => e.deletedMs >= start && e.deletedMs < end)
      .map((e) => ({ id: e.id, deletedDate: restDateTime(e.deletedMs) }));
    if (deletedRecords.length > MAX_IDS) throw new RestError(400, 'EXCEEDED_ID_LIMIT', `Too many ids; the limit is ${MAX_IDS}. Choose start and end dates that are closer together.`);
    const earliest = floorToMinute(Math.max(table.deleteLogPurgedBefore, now - 15 * DAY_MS));
    return json({ deletedRecords, earliestDateAvailable: restDateTime(earliest), latestDateCovered: restDateTime(latest) });
  }));
}

/** start/end floored to the minute and checked against the resource's window. */
function windowOf(req: EmulatorRequest, nowMs: number, days: number): { start: number; end: number; latest: number } {
  const parse = (name: string) => {
    const text = req.url.searchParams.get(name);
    const ms = text === null ? undefined : parseDateTime(text);
    if (ms === undefined) throw new RestError(400, 'INVALID_REPLICATION_DATE', `${name} is missing or not a valid dateTime: ${text ?? ''}`);
    return floorToMinute(ms);
  };
  const start = parse('start');
  const end = parse('end');
  if (start >= end) throw new RestError(400, 'INVALID_REPLICATION_DATE', 'startDate must chronologically precede endDate');
  if (start < floorToMinute(nowMs - days * DAY_MS)) {
    throw new RestError(400, 'INVALID_REPLICATION_DATE', `startDate cannot be more than ${days} days ago`);
  }
  return { start, end, latest: Math.min(end, floorToMinute(nowMs)) };
}
