import { toIsoDateTime, type StatusMessage, type SyncMessage, type UpsertMessage } from '@crm-hub/plugin-sdk';
import type { HubSpotConfig } from '../config/hubspot-config';
import type { HubSpotApi } from '../http/hubspot-api';
import type { DescribedObject } from '../metadata/catalog';
import type { HubSpotRecord } from '../metadata/hubspot-types';
import type { ObjectDirectory } from '../metadata/object-directory';
import type { FilterGroups } from './search-filter';
import { toCanonical } from './values';

/** What a read needs from the connector. */
export interface ReadDeps {
  api: HubSpotApi;
  directory: ObjectDirectory;
  config: HubSpotConfig;
}

/** One read, planned: the object, the properties asked, the pushed-down filter and the bounds. */
export interface ReadPlan {
  described: DescribedObject;
  /** The properties asked of HubSpot: the requested ones, the id and the modification stamp. */
  properties: string[];
  groups: FilterGroups;
  pageSize: number;
  /** Records stamped after this (epoch ms) are left for the next read (see `safetyLagMs`); none with a lag of 0. */
  upperBoundMs: number | undefined;
  statuses: PendingStatuses;
  signal: AbortSignal;
}

/**
 * Conditions met while fetching a page (a throttled call), emitted before the page's records,
 * so the operator sees why a run slowed down.
 */
export class PendingStatuses {
  private readonly pending: StatusMessage[] = [];

  /** The callback for `ApiRequest.onThrottle`. */
  readonly onThrottle = (retryAt: Date, policy: string): void => {
    this.pending.push({ kind: 'status', level: 'warn', code: 'RATE_LIMITED', message: `HubSpot's ${policy} limit was reached; waiting before the next call`, retryAt: retryAt.toISOString() });
  };

  /** `page`, preceded by the statuses gathered since the last call. */
  before(page: SyncMessage[]): SyncMessage[] {
    return this.pending.length ? [...this.pending.splice(0), ...page] : page;
  }
}

/**
 * A record as an `upsert`: every asked property HubSpot sent, in canonical form (absent is not
 * null: a property HubSpot did not send stays absent), stamped with its modification date.
 *
 * @example
 * ```ts
 * upsertOf(plan, record); // { kind: 'upsert', object: 'contacts', id: '9001', data: { … }, modifiedAt: '…' }
 * ```
 */
export function upsertOf(plan: ReadPlan, record: HubSpotRecord): UpsertMessage {
  const { described } = plan;
  const data: Record<string, unknown> = {};
  for (const name of plan.properties) {
    if (!(name in record.properties)) continue;
    data[name] = toCanonical(described.fields.get(name), record.properties[name]);
  }
  return { kind: 'upsert', object: described.info.name, id: record.id, data, modifiedAt: modifiedOf(plan, record) };
}

/** The record's modification stamp (canonical ISO). */
export function modifiedOf(plan: ReadPlan, record: HubSpotRecord): string {
  const stamp = record.properties[plan.described.cursorField] ?? record.updatedAt;
  if (!stamp) throw new Error(`HubSpot sent record ${record.id} without its ${plan.described.cursorField}`);
  return toIsoDateTime(/^\d+$/.test(stamp) ? Number(stamp) : stamp);
}
