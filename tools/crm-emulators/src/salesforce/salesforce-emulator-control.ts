import type { HttpsEmulator } from '../common/https-emulator';
import { RestError } from './errors';
import type { SalesforceOrg } from './salesforce-org';
import type {
  SalesforceBulkResultFault,
  SalesforceEmulator,
  SalesforceObjectName,
  SalesforceRecordLockSettings,
  SalesforceSeedOptions,
} from './salesforce-emulator.types';
import type { SObjectDescribe } from './schema/describe-types';
import type { ObjectDefinition } from './schema/object-definition';
import { sobjectDescribe } from './schema/sobject-describe-builder';
import type { SaveResult } from './store/record-writer';
import { restRecord } from './store/rest-record-format';
import { canonicalId, makeId } from './util/record-ids';
import { floorToSecond, parseDateTime } from './util/sf-dates';

/** The in-process control interface: what a user, an admin or the platform itself would do to the org. */
export class SalesforceEmulatorControl implements SalesforceEmulator {
  constructor(
    private readonly org: SalesforceOrg,
    private readonly server: HttpsEmulator,
  ) {}

  get url(): string {
    return this.org.loginUrl;
  }

  get instanceUrl(): string {
    return this.org.instanceUrl;
  }

  get credentials() {
    return this.org.credentials;
  }

  get clock() {
    return this.org.clock;
  }

  get counters() {
    return this.server.counters;
  }

  get faults() {
    return this.server.faults;
  }

  switchInstance(): string {
    return this.org.switchInstance();
  }

  expireSessions(): void {
    this.org.sessions.expireAll();
  }

  revokeRefreshToken(): void {
    this.org.refreshTokenRevoked = true;
  }

  setApiUsage(used: number, limit?: number): void {
    this.org.usage.set(used, limit);
  }

  apiUsage(): { used: number; limit: number } {
    return { used: this.org.usage.used, limit: this.org.usage.limit };
  }

  setRecordLocks(settings: SalesforceRecordLockSettings | null): void {
    this.org.locks.configure(settings);
  }

  seed(object: SalesforceObjectName, count: number, options: SalesforceSeedOptions = {}): string[] {
    const def = this.def(object);
    const segment = this.org.store.seed(def, count, options);
    const ids = new Array<string>(count);
    for (let k = 0; k < count; k++) ids[k] = makeId(def.keyPrefix, segment.firstSeq + k);
    return ids;
  }

  create(object: SalesforceObjectName, records: Record<string, unknown>[]): string[] {
    const def = this.def(object);
    const results = this.org.writer.create(records.map((r) => this.parse(def, r)), true);
    return this.ids(results, 'create');
  }

  update(object: SalesforceObjectName, ids: string[], changes: Record<string, unknown>, options: { modstamp?: string } = {}): void {
    const def = this.def(object);
    const parsed = this.parse(def, changes);
    const stamp = options.modstamp === undefined ? undefined : parseDateTime(options.modstamp);
    if (options.modstamp !== undefined && stamp === undefined) throw new Error(`Not a datetime: ${options.modstamp}`);
    const results = this.org.writer.update(ids.map((id) => ({ ...parsed, idText: id })), true, stamp === undefined ? undefined : floorToSecond(stamp));
    this.ids(results, 'update');
  }

  delete(object: SalesforceObjectName, ids: string[]): void {
    this.ids(this.org.writer.delete(ids, true, this.def(object).name), 'delete');
  }

  emptyRecycleBin(object?: SalesforceObjectName): void {
    const defs = object === undefined ? this.org.schema.objects() : [this.def(object)];
    for (const def of defs) {
      const table = this.org.store.table(def);
      for (const id of [...table.recycleBin.keys()]) table.hardDelete(id);
    }
  }

  purgeDeleteLog(object: SalesforceObjectName, before?: string): void {
    const table = this.org.store.table(this.def(object));
    const until = before === undefined ? this.org.clock.nowMs() : parseDateTime(before);
    if (until === undefined) throw new Error(`Not a datetime: ${before}`);
    table.deleteLog = table.deleteLog.filter((e) => e.deletedMs >= until);
    table.deleteLogPurgedBefore = Math.max(table.deleteLogPurgedBefore, until);
  }

  truncate(object: SalesforceObjectName): void {
    this.org.store.table(this.def(object)).truncate();
  }

  records(object: SalesforceObjectName, options: { includeDeleted?: boolean } = {}): Record<string, unknown>[] {
    const def = this.def(object);
    const version = this.latestVersion();
    const rows: Record<string, unknown>[] = [];
    for (const { row } of this.org.store.table(def).scanById()) {
      if (row['IsDeleted'] === true && !options.includeDeleted) continue;
      const { attributes: _attributes, ...values } = restRecord(def, row, version);
      rows.push(values);
    }
    return rows;
  }

  record(object: SalesforceObjectName, id: string, options: { includeDeleted?: boolean } = {}): Record<string, unknown> | undefined {
    const def = this.def(object);
    const canonical = canonicalId(id);
    const row = canonical === undefined ? undefined : this.org.store.table(def).get(canonical);
    if (!row || (row['IsDeleted'] === true && !options.includeDeleted)) return undefined;
    const { attributes: _attributes, ...values } = restRecord(def, row, this.latestVersion());
    return values;
  }

  describe(object: SalesforceObjectName): SObjectDescribe {
    return sobjectDescribe(this.def(object), this.org.schema.objects(), this.latestVersion(), this.org.instanceUrl);
  }

  failBulkResults(settings: SalesforceBulkResultFault | null): void {
    if (settings === null) {
      this.org.bulk.resultFault = undefined;
      return;
    }
    const skip = settings.afterPages ?? 0;
    const left = settings.times ?? Number.POSITIVE_INFINITY;
    if (!(Number.isInteger(skip) && skip >= 0) || !(left > 0)) throw new Error('failBulkResults needs afterPages ≥ 0 and times ≥ 1');
    this.org.bulk.resultFault = { skip, left };
  }

  purgeBulkJobs(): void {
    this.org.bulk.jobs.clear();
  }

  addField(object: SalesforceObjectName, field: Record<string, unknown>): void {
    this.org.schema.addField(this.def(object).name, field);
  }

  removeField(object: SalesforceObjectName, fieldName: string): void {
    this.org.schema.removeField(this.def(object).name, fieldName);
  }

  setPicklistValues(object: SalesforceObjectName, fieldName: string, values: { value: string; label?: string; active?: boolean; defaultValue?: boolean }[]): void {
    this.org.schema.setPicklistValues(this.def(object).name, fieldName, values);
  }

  close(): Promise<void> {
    return this.server.close();
  }

  /** `v62.0`: the newest API version the org serves (what REST answers of the control interface use). */
  private latestVersion(): string {
    return `v${this.org.options.apiVersions[this.org.options.apiVersions.length - 1]}`;
  }

  private def(object: string): ObjectDefinition {
    const def = this.org.schema.find(object);
    if (!def) throw new Error(`The emulated org has no object ${object}`);
    return def;
  }

  private parse(def: ObjectDefinition, record: Record<string, unknown>) {
    try {
      return this.org.writer.parseJson(def, record);
    } catch (error) {
      if (error instanceof RestError) throw new Error(`${error.errorCode}: ${error.message}`);
      throw error;
    }
  }

  /** Control writes are all-or-none: any per-record failure throws with Salesforce's codes. */
  private ids(results: SaveResult[], what: string): string[] {
    const failures = results.flatMap((r, i) => r.errors.filter((e) => e.statusCode !== 'ALL_OR_NONE_OPERATION_ROLLED_BACK').map((e) => `#${i}: ${e.statusCode} ${e.message}`));
    if (failures.length) throw new Error(`${what} failed: ${failures.join('; ')}`);
    return results.map((r) => r.id as string);
  }
}
