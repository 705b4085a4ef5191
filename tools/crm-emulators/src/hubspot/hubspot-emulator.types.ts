import type { CallCounters } from '../common/call-counters';
import type { EmulatorClock } from '../common/clock';
import type { FaultInjector } from '../common/faults';
import type { HubSpotCredentials } from './auth/auth-service';
import type { HubSpotRateLimitSettings } from './limits/rate-limits';
import type { HubSpotOption, HubSpotProperty, HubSpotPropertyType } from './schema/property-types';

export type { HubSpotCredentials } from './auth/auth-service';
export type { HubSpotRateLimitSettings } from './limits/rate-limits';
export type { HubSpotEmulatorOptions } from './portal';
export type { HubSpotFieldType, HubSpotOption, HubSpotProperty, HubSpotPropertyType } from './schema/property-types';

/** Objects of the emulated portal: four standard ones and the custom `subscriptions`. */
export type HubSpotObjectName = 'contacts' | 'companies' | 'deals' | 'tickets' | 'subscriptions' | (string & {});

/** How seeded records are stamped. */
export interface HubSpotSeedOptions {
  /** Every record's creation and modification stamp (ISO); with `sameModifiedEvery`, the first group's. */
  modifiedAt?: string;
  /** Groups of this many consecutive records share a stamp, groups one second apart (default: each its own millisecond). */
  sameModifiedEvery?: number;
}

/** A record as stored, every property of its object (`null` when empty), read without the API. */
export interface HubSpotStoredRecord {
  id: string;
  /** Property name → the API's text (`;`-joined multi-checkbox values, numbers without trailing zeros, ISO date-times). */
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
}

/** A property to add, as an admin creates it (`POST /crm/v3/properties/{objectType}` takes the same keys). */
export interface HubSpotNewProperty {
  name: string;
  type: HubSpotPropertyType;
  label?: string;
  fieldType?: HubSpotProperty['fieldType'];
  options?: { value: string; label?: string }[];
  hasUniqueValue?: boolean;
}

/**
 * The control interface of the HubSpot emulator: seed it, act on it as a user or admin would,
 * move its clock, set its limits and faults, and observe it. (The same operations exist as HTTP
 * routes under `/__emulator/` for out-of-process use.)
 */
export interface HubSpotEmulator {
  /** The API host (`https://localhost:<port>`), where `https://api.hubapi.com` would be. */
  readonly url: string;
  readonly credentials: HubSpotCredentials;
  readonly portalId: number;
  readonly clock: EmulatorClock;
  /** Requests served, per endpoint kind (`token`, `account`, `properties`, `schemas`, `objects.list`, `objects.get`, `objects.create`, `objects.update`, `objects.archive`, `search`, `batch.read`, `batch.create`, `batch.update`, `batch.upsert`, `batch.archive`). */
  readonly counters: CallCounters;
  readonly faults: FaultInjector;

  /** Rate limits from now on (windows restart). */
  setRateLimits(settings: Partial<HubSpotRateLimitSettings>): void;
  /** What the private app used of today's allowance (past the limit every call gets the DAILY 429). */
  setDailyUsage(used: number): void;
  dailyUsage(): { used: number; limit: number };
  /** Every OAuth access token issued so far answers 401 EXPIRED_AUTHENTICATION. */
  expireAccessTokens(): void;
  /** The refresh token is refused from now on (the app was uninstalled). */
  revokeRefreshToken(): void;

  /** Deterministic records (values a function of their sequence number), as an import would create them. Returns ids. */
  seed(object: HubSpotObjectName, count: number, options?: HubSpotSeedOptions): string[];
  /** Creates records as a user would (HubSpot's validation applies; all or none). Returns ids. */
  create(object: HubSpotObjectName, records: Record<string, unknown>[]): string[];
  /** Changes records as a user would; stamped with the clock, or `modifiedAt`. */
  update(object: HubSpotObjectName, ids: string[], changes: Record<string, unknown>, options?: { modifiedAt?: string }): void;
  /** Archives (deletes) records, stamped with the clock: listed with `archived=true` from then on. */
  archive(object: HubSpotObjectName, ids: string[]): void;
  /** Every record of the object gone, archived ones included. */
  truncate(object: HubSpotObjectName): void;
  /** Records as stored (live, or archived ones with `archived: true`), in id order. */
  records(object: HubSpotObjectName, options?: { archived?: boolean }): HubSpotStoredRecord[];
  /** One live record as stored, or undefined when it does not exist or is archived. */
  record(object: HubSpotObjectName, id: string): HubSpotStoredRecord | undefined;

  /** The object's property definitions, as the properties API shows them. */
  properties(object: HubSpotObjectName): HubSpotProperty[];
  /** Schema drift, as an admin makes it. */
  addProperty(object: HubSpotObjectName, property: HubSpotNewProperty): void;
  removeProperty(object: HubSpotObjectName, name: string): void;
  /** Replaces the options of an enumeration property. */
  setOptions(object: HubSpotObjectName, name: string, options: { value: string; label?: string; hidden?: boolean }[]): void;

  close(): Promise<void>;
}

/** An option list in the API's shape, for tests that compare with it. */
export type HubSpotOptions = HubSpotOption[];
