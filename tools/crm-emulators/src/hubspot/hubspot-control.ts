import type { HttpsEmulator } from '../common/https-emulator';
import { HubSpotError } from './errors';
import type { HubSpotEmulator, HubSpotNewProperty, HubSpotSeedOptions, HubSpotStoredRecord } from './hubspot-emulator.types';
import type { HubSpotPortal } from './portal';
import type { HubSpotRateLimitSettings } from './limits/rate-limits';
import { EMULATED_PORTAL_ID, type ObjectDefinition } from './schema/object-definition';
import { prop, publicProperty, type HubSpotProperty } from './schema/property-types';
import type { StoredRecord } from './store/object-store';
import { propertyValue } from './store/record-view';
import { checkWrites } from './store/record-writes';

/** The control interface over the portal (see {@link HubSpotEmulator}). */
export class HubSpotControl implements HubSpotEmulator {
  readonly portalId = EMULATED_PORTAL_ID;
  private readonly seeded = new Map<string, number>();

  constructor(
    private readonly server: HttpsEmulator,
    private readonly portal: HubSpotPortal,
  ) {}

  get url(): string {
    return this.server.url;
  }
  get credentials() {
    return this.portal.auth.credentials;
  }
  get clock() {
    return this.portal.clock;
  }
  get counters() {
    return this.server.counters;
  }
  get faults() {
    return this.server.faults;
  }

  setRateLimits(settings: Partial<HubSpotRateLimitSettings>): void {
    this.portal.limits.configure(settings);
  }
  setDailyUsage(used: number): void {
    this.portal.limits.setDailyUsed(used);
  }
  dailyUsage(): { used: number; limit: number } {
    return this.portal.limits.dailyUsage();
  }
  expireAccessTokens(): void {
    this.portal.auth.expireAccessTokens();
  }
  revokeRefreshToken(): void {
    this.portal.auth.revokeRefreshToken();
  }

  seed(object: string, count: number, options: HubSpotSeedOptions = {}): string[] {
    if (!(Number.isInteger(count) && count >= 0)) throw new Error('count must be a non-negative integer');
    const def = this.def(object);
    const first = this.seeded.get(def.name) ?? 0;
    this.seeded.set(def.name, first + count);
    const every = options.sameModifiedEvery ?? 0;
    const groups = every > 0 ? Math.ceil(count / every) : count;
    const base = options.modifiedAt === undefined ? undefined : Date.parse(options.modifiedAt);
    if (base !== undefined && Number.isNaN(base)) throw new Error(`Not an instant: ${options.modifiedAt}`);
    const now = this.portal.clock.nowMs();
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const group = every > 0 ? Math.floor(i / every) : i;
      // Given a stamp: groups one second apart from it (one group without sameModifiedEvery).
      // Without: stamps up to the clock's now, groups one second (records one ms) apart.
      const stamp = base !== undefined ? base + (every > 0 ? group * 1000 : 0) : now - (groups - 1 - group) * (every > 0 ? 1000 : 1);
      ids.push(this.portal.store.create(def, def.seed(first + i + 1), stamp).id);
    }
    return ids;
  }

  create(object: string, records: Record<string, unknown>[]): string[] {
    const def = this.def(object);
    const planned = this.check(() => checkWrites(this.portal.store, def, records.map((properties) => ({ properties, create: true }))));
    return planned.map((p) => this.portal.store.create(def, p.values).id);
  }

  update(object: string, ids: string[], changes: Record<string, unknown>, options: { modifiedAt?: string } = {}): void {
    const def = this.def(object);
    const stamp = options.modifiedAt === undefined ? undefined : Date.parse(options.modifiedAt);
    for (const id of ids) {
      const record = this.live(def, id);
      const [planned] = this.check(() => checkWrites(this.portal.store, def, [{ properties: changes, id, create: false }]));
      this.portal.store.update(record, planned?.values ?? {}, stamp);
    }
  }

  archive(object: string, ids: string[]): void {
    const def = this.def(object);
    for (const id of ids) this.portal.store.archive(this.live(def, id));
  }

  truncate(object: string): void {
    this.portal.store.truncate(this.def(object));
  }

  records(object: string, options: { archived?: boolean } = {}): HubSpotStoredRecord[] {
    const def = this.def(object);
    return this.portal.store.list(def, options.archived ?? false).map((r) => this.view(def, r));
  }

  record(object: string, id: string): HubSpotStoredRecord | undefined {
    const def = this.def(object);
    const record = this.portal.store.get(def, id);
    return record ? this.view(def, record) : undefined;
  }

  properties(object: string): HubSpotProperty[] {
    return this.def(object).properties.map(publicProperty);
  }

  addProperty(object: string, property: HubSpotNewProperty): void {
    const definition = prop(property.name, property.type, {
      hubspotDefined: false,
      ...(property.label ? { label: property.label } : {}),
      ...(property.fieldType ? { fieldType: property.fieldType } : {}),
      ...(property.options ? { options: property.options.map((o, i) => ({ value: o.value, label: o.label ?? o.value, displayOrder: i, hidden: false })) } : {}),
      ...(property.hasUniqueValue ? { unique: true } : {}),
    });
    this.portal.registry.addProperty(object, definition);
  }

  removeProperty(object: string, name: string): void {
    this.portal.registry.removeProperty(object, name);
  }

  setOptions(object: string, name: string, options: { value: string; label?: string; hidden?: boolean }[]): void {
    this.portal.registry.setOptions(object, name, options);
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private view(def: ObjectDefinition, record: StoredRecord): HubSpotStoredRecord {
    const properties: Record<string, string | null> = {};
    for (const p of def.properties) properties[p.name] = propertyValue(def, record, p.name) ?? null;
    return {
      id: record.id,
      properties,
      createdAt: new Date(record.createdMs).toISOString(),
      updatedAt: new Date(record.updatedMs).toISOString(),
      archived: record.archivedMs !== undefined,
      ...(record.archivedMs !== undefined ? { archivedAt: new Date(record.archivedMs).toISOString() } : {}),
    };
  }

  private def(object: string): ObjectDefinition {
    return this.check(() => this.portal.registry.resolve(object));
  }

  private live(def: ObjectDefinition, id: string): StoredRecord {
    const record = this.portal.store.get(def, id);
    if (!record) throw new Error(`No live ${def.name} record ${id}`);
    return record;
  }

  /** Control calls fail with a plain Error carrying HubSpot's message (they are the emulator's, not the API's). */
  private check<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (error instanceof HubSpotError) throw new Error(`${error.category}: ${error.message}`);
      throw error;
    }
  }
}
