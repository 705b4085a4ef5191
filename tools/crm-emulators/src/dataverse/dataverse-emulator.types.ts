import type { CallCounters } from '../common/call-counters';
import type { EmulatorClock } from '../common/clock';
import type { FaultInjector } from '../common/faults';

/**
 * The control interface of the Dataverse (Dynamics 365) emulator: start it, seed it, act on it as
 * a user or admin would, and observe it. (The same operations exist as HTTP routes under
 * `/__emulator/` for out-of-process use.)
 */

/** Tables of the emulated environment (see crm-protocols.md §5 and the Dynamics issue). */
export type DataverseTableName =
  | 'account'
  | 'contact'
  | 'lead'
  | 'new_subscription'
  | 'systemuser'
  | 'team'
  | 'businessunit'
  | 'transactioncurrency'
  | 'organization'
  | (string & {});

export interface DataverseEmulatorOptions {
  /** Largest page the service returns whatever `odata.maxpagesize` asks (Dataverse: 5000). */
  maxPageSize?: number;
  /** Age after which a change-tracking token is refused (days; Dataverse default 7). */
  changeTrackingExpiryDays?: number;
  /** Service protection: requests allowed per window per identity, and the window. Default: 6000 per 300 000 ms. */
  requestLimit?: { requests: number; windowMs: number; retryAfterSeconds?: number };
  /** Lifetime of an access token (default 1 h; tests move the clock). */
  tokenLifetimeMs?: number;
  /** Port to listen on (default: any free port). */
  port?: number;
  /** `Organization.PricingDecimalPrecision`: the scale of money columns whose `PrecisionSource` is 1 (default 2). */
  pricingDecimalPrecision?: number;
}

/** The rows every environment starts with (see `store/platform-rows.ts`). */
export interface DataversePlatformRows {
  organizationId: string;
  businessUnitId: string;
  /** The user acting through the control interface; it owns seeded and control-created rows. */
  administratorId: string;
  /** The application user the emulator's client id acts as (WhoAmI's UserId): it owns rows the Web API creates. */
  applicationUserId: string;
  /** An owner team ("Sales Team"). */
  teamId: string;
  /** The US dollar, the organization's base currency (precision 2). */
  baseCurrencyId: string;
}

/** A synchronous plug-in's refusal of a table's writes (InvalidPluginExecutionException). */
export interface DataversePluginRejection {
  message?: string;
  /** Shown as `@Microsoft.PowerApps.CDS.ErrorDetails.SubErrorCode` when the client asks for the annotations. */
  subErrorCode?: string;
}

/** What the Entra-like token endpoint accepts. */
export interface DataverseCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Certificate credential: the app's certificate and its private key (client assertion flow). */
  certificatePem: string;
  privateKeyPem: string;
}

export interface DataverseSeedOptions {
  /** Stamp every seeded row with this modifiedon (ISO). */
  modifiedOn?: string;
  /** Give this many consecutive rows the same modifiedon (default: all distinct). */
  sameModifiedOnEvery?: number;
}

/** One column of a stored row, as {@link DataverseEmulator.record} shows it. */
export interface DataverseColumnValue {
  /** `AttributeType`, or `AttributeTypeName` for virtual columns (`MultiSelectPicklistType`, `ImageType`, `FileType`). */
  attributeType: string;
  /** Date-time columns with the `DateOnly` behaviour (their values are `YYYY-MM-DD`). */
  dateOnly?: boolean;
  /** The value as the Web API sends it: lookups their GUID, choices integers, multi-select `"1,9"`, money and decimals numbers. */
  value: unknown;
  /** Lookups: the table the value points to (what `lookuplogicalname` says). */
  lookupTable?: string;
}

/** A running emulator. */
export interface DataverseEmulator {
  /** The environment URL (`https://localhost:<port>`): the Web API is at `/api/data/v9.2/`. */
  readonly url: string;
  /** The authority host for `/{tenant}/oauth2/v2.0/token` (same server). */
  readonly authorityUrl: string;
  readonly credentials: DataverseCredentials;
  /** `<authorityUrl>/<tenantId>/oauth2/v2.0/token`: where client credentials are exchanged for tokens. */
  readonly tokenEndpoint: string;
  /** The Web API service root without trailing slash: `<url>/api/data/v9.2`. */
  readonly apiUrl: string;
  readonly clock: EmulatorClock;
  /** Requests served, per endpoint kind (`token`, `metadata`, `entityDefinitions`, `attributes`, `globalOptionSets`, `query`, `nextLink`, `delta`, `create`, `update`, `upsert`, `delete`, `batch`, `batch.operation`…). */
  readonly counters: CallCounters;
  readonly faults: FaultInjector;

  /** Service protection limits from now on (429 with Retry-After past them). */
  setRequestLimit(limit: { requests: number; windowMs: number; retryAfterSeconds?: number } | undefined): void;
  /** Every token issued so far answers 401. */
  expireTokens(): void;
  /** Organization.ExpireChangeTrackingInDays from now on (delta tokens older than this are refused). */
  setChangeTrackingExpiryDays(days: number): void;
  /** Largest page from now on (as the `maxPageSize` option; never above the service's 5000). */
  setMaxPageSize(size: number): void;
  /** `Organization.PricingDecimalPrecision` from now on (0–4), as an admin sets it in the system settings. */
  setPricingDecimalPrecision(decimals: number): void;
  /** Web API creates, updates and deletes of `table` fail as a plug-in refusing them would (`undefined` removes it). */
  rejectWrites(table: DataverseTableName, rejection: DataversePluginRejection | undefined): void;
  /** The ids of the organization, its business unit, users, team and base currency. */
  readonly platform: DataversePlatformRows;

  /** Deterministic rows (same count and options → same values). Returns ids (GUIDs). */
  seed(table: DataverseTableName, count: number, options?: DataverseSeedOptions): string[];
  create(table: DataverseTableName, rows: Record<string, unknown>[]): string[];
  update(table: DataverseTableName, ids: string[], changes: Record<string, unknown>, options?: { modifiedOn?: string }): void;
  delete(table: DataverseTableName, ids: string[]): void;
  /** Removes every row of the table and its change-tracking history. */
  truncate(table: DataverseTableName): void;
  /** Current rows, as the Web API returns them (logical names, option values as integers). */
  rows(table: DataverseTableName): Record<string, unknown>[];
  /**
   * One row as stored, column by column (keyed by logical name, each with its type), read without
   * the Web API (not counted); `undefined` when the table has no such live row. Party lists, which
   * are no column of the row, are left out.
   */
  record(table: DataverseTableName, id: string): Record<string, DataverseColumnValue> | undefined;

  /** Metadata changes, as an admin would make them (schema drift). `attribute` is AttributeMetadata-like. */
  addAttribute(table: DataverseTableName, attribute: Record<string, unknown>): void;
  removeAttribute(table: DataverseTableName, logicalName: string): void;
  /** Replaces the options of a local or global option set (`table.attribute` or `global:<name>`). */
  setOptions(optionSet: string, options: { value: number; label: string }[]): void;

  close(): Promise<void>;
}
