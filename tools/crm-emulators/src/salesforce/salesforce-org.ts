import { EmulatorClock } from '../common/clock';
import { ApiUsage } from './api/api-usage';
import { QueryCursors } from './api/query-cursors';
import { RecordLocks } from './api/record-locks';
import { SessionStore } from './auth/session-store';
import { BulkJobs } from './bulk/bulk-jobs';
import { notFound } from './errors';
import type { SalesforceCredentials, SalesforceEmulatorOptions } from './salesforce-emulator.types';
import { OrgSchema } from './schema/org-schema';
import { OrgStore } from './store/org-store';
import { RecordWriter } from './store/record-writer';

export const DEFAULT_API_VERSIONS = ['58.0', '59.0', '60.0', '61.0', '62.0'];

export type ResolvedOptions = Required<Omit<SalesforceEmulatorOptions, 'port' | 'tlsDir' | 'credentials'>>;

/** Everything the emulated org is made of, shared by the routes and the control interface. */
export class SalesforceOrg {
  readonly clock = new EmulatorClock();
  readonly options: ResolvedOptions;
  readonly schema: OrgSchema;
  readonly store: OrgStore;
  readonly locks = new RecordLocks();
  readonly writer: RecordWriter;
  readonly sessions: SessionStore;
  readonly usage: ApiUsage;
  readonly cursors: QueryCursors;
  readonly bulk: BulkJobs;
  refreshTokenRevoked = false;
  private port = 0;
  private onIpInstance = false;

  constructor(
    options: SalesforceEmulatorOptions,
    readonly credentials: SalesforceCredentials,
  ) {
    this.options = {
      queryPageSize: options.queryPageSize ?? 2000,
      dailyApiLimit: options.dailyApiLimit ?? 100_000,
      apiVersions: options.apiVersions ?? DEFAULT_API_VERSIONS,
      sessionLifetimeMs: options.sessionLifetimeMs ?? 2 * 60 * 60 * 1000,
      bulkPageSize: options.bulkPageSize ?? 50_000,
      bulkJobInProgressPolls: options.bulkJobInProgressPolls ?? 0,
      queryCursorValues: options.queryCursorValues ?? 'snapshot',
    };
    this.schema = new OrgSchema(() => this.clock.nowMs());
    this.store = new OrgStore(this.schema, this.clock);
    // The API user is a User record (sequence 1: the store's userId), as every org has its users.
    this.store.seed(this.schema.get('User'), 1);
    this.writer = new RecordWriter(this.schema, this.store, this.clock, this.locks);
    this.sessions = new SessionStore(this.clock, this.options.sessionLifetimeMs, this.store.orgId);
    this.usage = new ApiUsage(this.clock, this.options.dailyApiLimit);
    this.cursors = new QueryCursors(this.clock);
    this.bulk = new BulkJobs(this.clock);
  }

  listening(port: number): void {
    this.port = port;
  }

  /** Login host (and default instance). */
  get loginUrl(): string {
    return `https://localhost:${this.port}`;
  }

  get instanceUrl(): string {
    return this.onIpInstance ? `https://127.0.0.1:${this.port}` : this.loginUrl;
  }

  switchInstance(): string {
    this.onIpInstance = !this.onIpInstance;
    return this.instanceUrl;
  }

  /** JWT `aud` values Salesforce accepts, plus this emulator's own hosts. */
  audiences(): string[] {
    return ['https://login.salesforce.com', 'https://test.salesforce.com', this.loginUrl, `https://127.0.0.1:${this.port}`];
  }

  /** `v62.0` from a URL segment when the org supports that version; else the REST 404. */
  version(segment: string | undefined): string {
    const match = /^v(\d+\.\d)$/.exec(segment ?? '');
    if (!match || !this.options.apiVersions.includes(match[1] as string)) throw notFound();
    return segment as string;
  }
}
