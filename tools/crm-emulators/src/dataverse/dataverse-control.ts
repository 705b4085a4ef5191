import type { CallCounters } from '../common/call-counters';
import type { EmulatorClock } from '../common/clock';
import type { FaultInjector } from '../common/faults';
import type { HttpsEmulator } from '../common/https-emulator';
import type { TokenService } from './auth/token-service';
import type {
  DataverseColumnValue,
  DataverseCredentials,
  DataverseEmulator,
  DataversePlatformRows,
  DataversePluginRejection,
  DataverseSeedOptions,
  DataverseTableName,
} from './dataverse-emulator.types';
import { commonAttributeJson } from './metadata/attribute-json';
import { hasProperty } from './metadata/metadata-registry';
import type { MetadataRegistry } from './metadata/metadata-registry';
import { serializeRow, wireValue } from './odata/row-serializer';
import { isLookupValue } from './store/row-types';
import { API_VERSION, type DataverseContext } from './routes/api-types';
import { resolveReference } from './routes/record-locator';
import type { RequestLimit, ServiceProtection } from './routes/service-protection';
import type { EnvironmentStore } from './store/environment-store';
import { readPayload } from './store/payload-reader';
import { applicationUserId, PLATFORM_IDS } from './store/platform-rows';
import { SeedSegment } from './store/seed-segment';

export interface ControlDeps {
  emulator: HttpsEmulator;
  ctx: DataverseContext;
  credentials: DataverseCredentials;
  tokens: TokenService;
  protection: ServiceProtection;
}

/** The in-process control interface: what an admin or a user of the environment would do, without HTTP. */
export class DataverseControl implements DataverseEmulator {
  private readonly seeds = new Map<string, { rows: number; batches: number }>();

  constructor(private readonly deps: ControlDeps) {}

  get url(): string {
    return this.deps.emulator.url;
  }

  get authorityUrl(): string {
    return this.deps.emulator.url;
  }

  get tokenEndpoint(): string {
    return `${this.authorityUrl}/${this.credentials.tenantId}/oauth2/v2.0/token`;
  }

  get apiUrl(): string {
    return `${this.url}/api/data/${API_VERSION}`;
  }

  get credentials(): DataverseCredentials {
    return this.deps.credentials;
  }

  get clock(): EmulatorClock {
    return this.deps.ctx.clock;
  }

  get counters(): CallCounters {
    return this.deps.emulator.counters;
  }

  get faults(): FaultInjector {
    return this.deps.emulator.faults;
  }

  private get registry(): MetadataRegistry {
    return this.deps.ctx.registry;
  }

  private get store(): EnvironmentStore {
    return this.deps.ctx.store;
  }

  setRequestLimit(limit: RequestLimit | undefined): void {
    this.deps.protection.setLimit(limit);
  }

  expireTokens(): void {
    this.deps.tokens.expireAll();
  }

  setChangeTrackingExpiryDays(days: number): void {
    if (!(days > 0)) throw new Error('changeTrackingExpiryDays must be positive');
    this.deps.ctx.settings.changeTrackingExpiryDays = days;
  }

  setMaxPageSize(size: number): void {
    if (!Number.isInteger(size) || size < 1) throw new Error('maxPageSize must be a positive integer');
    this.deps.ctx.settings.maxPageSize = size;
  }

  setPricingDecimalPrecision(decimals: number): void {
    if (!Number.isInteger(decimals) || decimals < 0 || decimals > 4) throw new Error('pricingDecimalPrecision must be an integer from 0 to 4');
    this.store.update('organization', PLATFORM_IDS.organizationId, { pricingdecimalprecision: decimals });
  }

  rejectWrites(table: DataverseTableName, rejection: DataversePluginRejection | undefined): void {
    const def = this.registry.table(table);
    if (rejection) this.deps.ctx.settings.rejections.set(def.logicalName, rejection);
    else this.deps.ctx.settings.rejections.delete(def.logicalName);
  }

  get platform(): DataversePlatformRows {
    return { ...PLATFORM_IDS, applicationUserId: applicationUserId(this.credentials.clientId) };
  }

  seed(table: DataverseTableName, count: number, options: DataverseSeedOptions = {}): string[] {
    if (!Number.isInteger(count) || count < 0) throw new Error('count must be a non-negative integer');
    const def = this.registry.table(table);
    const history = this.seeds.get(def.logicalName) ?? { rows: 0, batches: 0 };
    const modifiedOn = options.modifiedOn !== undefined ? Date.parse(options.modifiedOn) : undefined;
    if (modifiedOn !== undefined && Number.isNaN(modifiedOn)) throw new Error(`modifiedOn is not an ISO date: ${options.modifiedOn}`);
    const segment = new SeedSegment(this.registry, def, {
      count,
      offset: history.rows,
      batch: history.batches + 1,
      firstVersion: this.store.version + 1,
      modifiedOn: modifiedOn !== undefined ? Math.floor(modifiedOn / 1000) * 1000 : undefined,
      sameModifiedOnEvery: options.sameModifiedOnEvery,
    });
    this.store.version += count;
    this.store.table(def.logicalName).addSegment(segment);
    this.seeds.set(def.logicalName, { rows: history.rows + count, batches: history.batches + 1 });
    const ids: string[] = new Array(count);
    for (let i = 0; i < count; i++) ids[i] = segment.id(i);
    return ids;
  }

  create(table: DataverseTableName, rows: Record<string, unknown>[]): string[] {
    const def = this.registry.table(table);
    return this.store.atomically(() =>
      rows.map((body) => {
        const payload = readPayload(this.registry, def, body, { mode: 'create', admin: true, resolve: (ref) => resolveReference(this.deps.ctx, ref) });
        const row = this.store.create(def.logicalName, payload.values, { id: payload.id, createdOn: payload.createdOn, modifiedOn: payload.modifiedOn });
        return row[def.primaryIdAttribute] as string;
      }),
    );
  }

  update(table: DataverseTableName, ids: string[], changes: Record<string, unknown>, options: { modifiedOn?: string } = {}): void {
    const def = this.registry.table(table);
    const modifiedOn = options.modifiedOn !== undefined ? Math.floor(Date.parse(options.modifiedOn) / 1000) * 1000 : undefined;
    if (modifiedOn !== undefined && Number.isNaN(modifiedOn)) throw new Error(`modifiedOn is not an ISO date: ${options.modifiedOn}`);
    this.store.atomically(() => {
      for (const id of ids) {
        const current = this.store.table(def.logicalName).get(id.toLowerCase());
        const payload = readPayload(this.registry, def, changes, { mode: 'update', admin: true, current, resolve: (ref) => resolveReference(this.deps.ctx, ref) });
        this.store.update(def.logicalName, id.toLowerCase(), payload.values, { modifiedOn: modifiedOn ?? payload.modifiedOn });
      }
    });
  }

  delete(table: DataverseTableName, ids: string[]): void {
    const def = this.registry.table(table);
    this.store.atomically(() => ids.forEach((id) => this.store.delete(def.logicalName, id.toLowerCase())));
  }

  truncate(table: DataverseTableName): void {
    this.store.truncate(this.registry.table(table).logicalName);
  }

  rows(table: DataverseTableName): Record<string, unknown>[] {
    const def = this.registry.table(table);
    const store = this.store.table(def.logicalName);
    const out: Record<string, unknown>[] = [];
    for (const row of store.byIdFrom()) out.push(serializeRow(this.registry, this.store, def, row, { wants: () => false }));
    return out;
  }

  record(table: DataverseTableName, id: string): Record<string, DataverseColumnValue> | undefined {
    const def = this.registry.table(table);
    const row = this.store.table(def.logicalName).get(id.toLowerCase());
    if (!row) return undefined;
    const out: Record<string, DataverseColumnValue> = {};
    for (const attribute of def.attributes) {
      if (!hasProperty(attribute)) continue;
      const json = commonAttributeJson(def, attribute);
      const typeName = (json['AttributeTypeName'] as { Value: string }).Value;
      const value = row[attribute.logicalName];
      out[attribute.logicalName] = {
        attributeType: json['AttributeType'] === 'Virtual' ? typeName : String(json['AttributeType']),
        ...(attribute.dateBehavior === 'DateOnly' ? { dateOnly: true } : {}),
        value: wireValue(attribute, value),
        ...(isLookupValue(value) ? { lookupTable: value.table } : {}),
      };
    }
    return out;
  }

  addAttribute(table: DataverseTableName, attribute: Record<string, unknown>): void {
    this.registry.addAttribute(table, attribute);
  }

  removeAttribute(table: DataverseTableName, logicalName: string): void {
    const def = this.registry.table(table);
    this.registry.removeAttribute(table, logicalName);
    const gone = [logicalName, `${logicalName}_base`];
    // The removed columns are in no index, so dropping them from stored row objects in place is safe
    // (generated seed rows never carry added columns; the serializer ignores removed standard ones).
    for (const row of this.store.table(def.logicalName).storedRows()) for (const name of gone) delete row[name];
  }

  setOptions(optionSet: string, options: { value: number; label: string }[]): void {
    this.registry.setOptions(optionSet, options);
  }

  close(): Promise<void> {
    return this.deps.emulator.close();
  }
}
