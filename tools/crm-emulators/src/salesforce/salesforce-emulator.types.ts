import type { CallCounters } from '../common/call-counters';
import type { EmulatorClock } from '../common/clock';
import type { FaultInjector } from '../common/faults';
import type { SObjectDescribe } from './schema/describe-types';

/**
 * The control interface of the Salesforce emulator: what tests, the demo and benchmarks use to
 * start it, seed it, act on it as a Salesforce user or admin would, and observe it.
 * (The same operations exist as HTTP routes under `/__emulator/` for out-of-process use.)
 */

/** The objects the emulator's org has (see crm-protocols.md §4.2 and the Salesforce issue). */
export type SalesforceObjectName = 'Account' | 'AccountHistory' | 'Contact' | 'Group' | 'Lead' | 'Opportunity' | 'Subscription__c' | 'Task' | 'User' | (string & {});

/** See {@link SalesforceEmulatorOptions.queryCursorValues}. */
export type QueryCursorValues = 'snapshot' | 'live';

export interface SalesforceEmulatorOptions {
  /** Rows per REST query page before `nextRecordsUrl` (Salesforce: 2000). */
  queryPageSize?: number;
  /** Daily API request allocation; past it every API call gets 403 REQUEST_LIMIT_EXCEEDED. Default 100000. */
  dailyApiLimit?: number;
  /** API versions the org answers (`/services/data/` lists them). Default: 58.0 … 62.0. */
  apiVersions?: string[];
  /** Lifetime of an access token before it answers 401 INVALID_SESSION_ID (default 2 h; tests move the clock). */
  sessionLifetimeMs?: number;
  /** Rows per Bulk API 2.0 query result page (`maxRecords` default). Default 50000. */
  bulkPageSize?: number;
  /** Job-status checks that answer `InProgress` before a Bulk API 2.0 job reports `JobComplete` (default 0: done at once). */
  bulkJobInProgressPolls?: number;
  /**
   * What the pages of a REST query cursor (`nextRecordsUrl`) hold when records change while a
   * client pages. The set of records (and their order) is always fixed when the query runs; this
   * says which version of each record a later page returns:
   *
   * - `'snapshot'` (default): the version the query saw (values and stamps as they were then);
   * - `'live'`: the current version (a record changed since comes with its new values and its new
   *   `SystemModstamp`, out of the query's order). A record deleted since keeps the version the
   *   query saw, unless the cursor is a queryAll one (then it comes with `IsDeleted = true`).
   *
   * Salesforce's documentation does not say which one it does (see the emulator README), so
   * clients must be right under both; tests run them under both.
   */
  queryCursorValues?: QueryCursorValues;
  /** Port to listen on (default: any free port). */
  port?: number;
  /** Folder of the test CA and server certificate (default: the folder of NODE_EXTRA_CA_CERTS). */
  tlsDir?: string;
  /** Replaces some of the default credentials. */
  credentials?: Partial<SalesforceCredentials>;
}

/** Lock contention on writes: the chosen records fail with UNABLE_TO_LOCK_ROW (retryable), as under concurrent load. */
export interface SalesforceRecordLockSettings {
  /** 0..1: share of written records that find their row locked. */
  rate?: number;
  /** Exactly the next N written records are locked, whatever the rate. */
  next?: number;
  /** Records with these ids are always locked (until the settings change). */
  ids?: string[];
  /** Seed of the generator (default 1), so a failing run can be replayed. */
  seed?: number;
}

/**
 * A fault of Bulk API 2.0 query result pages (`GET /jobs/query/{id}/results`): after `afterPages`
 * pages served normally, result requests answer 503 `SERVER_UNAVAILABLE` — `times` of them, or
 * every one until cleared. Job creation and status checks are not affected (the generic `faults`
 * cannot single out result pages: they share the `bulk2.query` counter kind).
 */
export interface SalesforceBulkResultFault {
  /** Result pages served normally first (default 0). */
  afterPages?: number;
  /** Failed result requests (default: all, until `failBulkResults(null)`). */
  times?: number;
}

/** Credentials the emulated org accepts, one set per OAuth flow. */
export interface SalesforceCredentials {
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  securityToken: string;
  /** A refresh token issued to clientId (refresh-token flow). */
  refreshToken: string;
  /** PEM private key whose certificate is uploaded to the connected app (JWT bearer flow). */
  jwtPrivateKeyPem: string;
  jwtCertificatePem: string;
}

export interface SalesforceSeedOptions {
  /** Stamp every seeded record with this SystemModstamp / LastModifiedDate (ISO). */
  modstamp?: string;
  /** Give this many consecutive records the same SystemModstamp (default: all distinct). */
  sameModstampEvery?: number;
}

/** A running emulator. */
export interface SalesforceEmulator {
  /** Login host and default instance: `https://localhost:<port>`. */
  readonly url: string;
  /** The `instance_url` token responses return now. */
  readonly instanceUrl: string;
  readonly credentials: SalesforceCredentials;
  readonly clock: EmulatorClock;
  /** API calls served, per endpoint kind (`token`, `query`, `queryMore`, `queryAll`, `describeGlobal`, `describe`, `composite.sobjects`, `bulk2.query`, `bulk2.ingest`, `getUpdated`, `getDeleted`, `limits`…). */
  readonly counters: CallCounters;
  readonly faults: FaultInjector;

  /** Later token responses carry another instance_url (`https://127.0.0.1:<port>`, or back); tokens only work on the instance they were issued for. */
  switchInstance(): string;
  /** Every access token issued so far answers 401 INVALID_SESSION_ID. */
  expireSessions(): void;
  /** The refresh token is revoked: the refresh-token grant answers invalid_grant. */
  revokeRefreshToken(): void;
  /** Sets the daily allocation and what is used of it. */
  setApiUsage(used: number, limit?: number): void;

  /** Deterministic records (same count and options → same field values), as a data load would create them. Returns ids. */
  seed(object: SalesforceObjectName, count: number, options?: SalesforceSeedOptions): string[];
  /** Creates records as a user would (validation rules of the describe apply); stamps with the clock. Returns ids. */
  create(object: SalesforceObjectName, records: Record<string, unknown>[]): string[];
  /** Updates records as a user would; stamps with the clock (or `modstamp`). */
  update(object: SalesforceObjectName, ids: string[], changes: Record<string, unknown>, options?: { modstamp?: string }): void;
  /** Deletes records to the recycle bin (queryAll shows them with IsDeleted=true; getDeleted lists them). */
  delete(object: SalesforceObjectName, ids: string[]): void;
  /** Empties the recycle bin (hard delete): the records vanish from queryAll; getDeleted keeps its log. */
  emptyRecycleBin(object?: SalesforceObjectName): void;
  /** Removes every record of the object, deleted ones and the delete log included. */
  truncate(object: SalesforceObjectName): void;
  /** Current rows (field name → API value, as REST returns them), optionally with deleted ones. */
  records(object: SalesforceObjectName, options?: { includeDeleted?: boolean }): Record<string, unknown>[];
  /** One record by id (15 or 18 characters) as REST returns it (field name → API value), or undefined when it does not exist (or is deleted, unless `includeDeleted`). */
  record(object: SalesforceObjectName, id: string, options?: { includeDeleted?: boolean }): Record<string, unknown> | undefined;
  /** The object's describe, as `GET /sobjects/{object}/describe` answers it (`fields[]` with `type`, `scale`, `referenceTo`…). */
  describe(object: SalesforceObjectName): SObjectDescribe;

  /** Metadata changes, as an admin would make them (schema drift). `field` is a describe field object. */
  addField(object: SalesforceObjectName, field: Record<string, unknown>): void;
  removeField(object: SalesforceObjectName, fieldName: string): void;
  setPicklistValues(object: SalesforceObjectName, fieldName: string, values: { value: string; label?: string; active?: boolean; defaultValue?: boolean }[]): void;

  /** Bulk API 2.0 query result pages fail as configured (503 SERVER_UNAVAILABLE); null stops it. */
  failBulkResults(settings: SalesforceBulkResultFault | null): void;
  /** Deletes every Bulk API 2.0 job, as Salesforce does 7 days after a job finished (later requests for them: 404). */
  purgeBulkJobs(): void;
  /** Writes (collections, single records, Bulk ingest) hit row locks as configured; null stops it. */
  setRecordLocks(settings: SalesforceRecordLockSettings | null): void;
  /** The delete log loses entries before `before` (default: now), as Salesforce purges large logs early: getDeleted's earliestDateAvailable moves up. */
  purgeDeleteLog(object: SalesforceObjectName, before?: string): void;
  /** What Sforce-Limit-Info reports now. */
  apiUsage(): { used: number; limit: number };

  close(): Promise<void>;
}
