import { CrmNotFoundError } from '@crm-hub/plugin-sdk';
import { queryOptions, type ODataQueryClient } from '../http/odata-query-client';
import {
  companionReason,
  isLogicalName,
  labelOf,
  nativeTypeOf,
  toAttributeInfo,
  unsupportedReason,
  withoutLookupCompanions,
  type AttributeInfo,
  type TableInfo,
  type UnsupportedAttribute,
} from './table-info';

/** A table as the listing shows it (no attributes). */
export interface TableSummary {
  logicalName: string;
  entitySetName: string;
  primaryId: string;
  label: string;
  custom: boolean;
  changeTracking: boolean;
  /** `PrimaryNameAttribute`, when the table has one. */
  primaryName?: string;
}

/** An alternate key of a table. */
export interface AlternateKey {
  logicalName: string;
  attributes: string[];
  /** Only `Active` keys can address records. */
  active: boolean;
}

/** A lookup's navigation properties, per target table. */
export interface LookupNavigation {
  attribute: string;
  target: string;
  navigationProperty: string;
}

const ENTITY_SELECT = ['LogicalName', 'EntitySetName', 'PrimaryIdAttribute', 'PrimaryNameAttribute', 'DisplayName', 'IsCustomEntity', 'ChangeTrackingEnabled'];
const ATTRIBUTE_SELECT = [
  'LogicalName',
  'AttributeType',
  'AttributeTypeName',
  'AttributeOf',
  'DisplayName',
  'IsValidForRead',
  'IsValidODataAttribute',
  'IsValidForCreate',
  'IsValidForUpdate',
  'IsPrimaryId',
  'RequiredLevel',
  'SourceType',
  'AutoNumberFormat',
];

/**
 * Reads table definitions one table at a time (never one giant `$expand` of every table's
 * attributes, which runs clients out of memory on real environments) and caches them for the
 * connector's life. Every call is metered as `metadata`. Cached loads are shared by concurrent
 * callers, so they are cancelled by the connector's scope (`dispose()`), not by one caller's
 * unsubscribe.
 *
 * @example
 * ```ts
 * const metadata = new MetadataClient(odata);
 * const contact = await metadata.table('contact'); // 2 calls, then cached
 * ```
 */
export class MetadataClient {
  private readonly tables = new Map<string, Promise<TableInfo>>();
  private readonly keyCache = new Map<string, Promise<AlternateKey[]>>();
  private readonly navCache = new Map<string, Promise<LookupNavigation[]>>();
  private readonly setNames = new Map<string, Promise<string>>();
  private pricingPrecision: Promise<number | undefined> | undefined;
  /** Tables whose metadata says change tracking but whose reads Dataverse refused it (0x80072491). */
  private readonly untracked = new Set<string>();

  constructor(
    private readonly odata: ODataQueryClient,
    private readonly scope?: AbortSignal,
  ) {}

  /** Every table, with a few properties each. */
  // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query-metadata-web-api#querying-entitymetadata-attributes
  async listTables(signal?: AbortSignal): Promise<TableSummary[]> {
    const page = await this.odata.query('EntityDefinitions', queryOptions({ select: ENTITY_SELECT }), { kind: 'metadata', ...opt(signal) });
    return page.rows
      .map(toSummary)
      .filter((t): t is TableSummary => t !== undefined)
      .map((t) => this.withRefusals(t));
  }

  /** A table's definition and readable attributes (cached). Unknown tables → CrmNotFoundError. */
  table(logicalName: string): Promise<TableInfo> {
    return cached(this.tables, logicalName, () => this.loadTable(logicalName, this.scope)).then((t) => this.withRefusals(t));
  }

  /**
   * Remembers, for the connector's life, that Dataverse refused change tracking on a table whose
   * definition claims it (`0x80072491`): later reads go straight to the watermark and `discover()`
   * describes the table as it behaves (`incremental: 'cursor'`, `deletes: 'none'`).
   */
  changeTrackingRefused(logicalName: string): void {
    this.untracked.add(logicalName);
  }

  private withRefusals<T extends TableSummary>(table: T): T {
    return table.changeTracking && this.untracked.has(table.logicalName) ? { ...table, changeTracking: false } : table;
  }

  /** The table's alternate keys (cached). */
  // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/entitykeymetadata
  keys(logicalName: string): Promise<AlternateKey[]> {
    const signal = this.scope;
    return cached(this.keyCache, logicalName, async () => {
      const page = await this.odata.query(
        `${entityPath(logicalName)}/Keys`,
        queryOptions({ select: ['LogicalName', 'KeyAttributes', 'EntityKeyIndexStatus'] }),
        { kind: 'metadata', ...opt(signal) },
      );
      return page.rows.map((row) => ({
        logicalName: String(row['LogicalName']),
        attributes: Array.isArray(row['KeyAttributes']) ? row['KeyAttributes'].map(String) : [],
        active: row['EntityKeyIndexStatus'] === undefined || row['EntityKeyIndexStatus'] === 'Active',
      }));
    });
  }

  /** The navigation properties of the table's lookups (cached), for `@odata.bind`. */
  // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/onetomanyrelationshipmetadata
  navigation(logicalName: string): Promise<LookupNavigation[]> {
    const signal = this.scope;
    return cached(this.navCache, logicalName, async () => {
      const page = await this.odata.query(
        `${entityPath(logicalName)}/ManyToOneRelationships`,
        queryOptions({ select: ['ReferencingAttribute', 'ReferencedEntity', 'ReferencingEntityNavigationPropertyName'] }),
        { kind: 'metadata', ...opt(signal) },
      );
      return page.rows.map((row) => ({
        attribute: String(row['ReferencingAttribute']),
        target: String(row['ReferencedEntity']),
        navigationProperty: String(row['ReferencingEntityNavigationPropertyName']),
      }));
    });
  }

  /** The entity set name of a table (from the table cache when loaded). */
  // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/retrieve-metadata-name-metadataid
  entitySetName(logicalName: string): Promise<string> {
    const signal = this.scope;
    const loaded = this.tables.get(logicalName);
    if (loaded) return loaded.then((t) => t.entitySetName);
    return cached(this.setNames, logicalName, async () => {
      const body = await this.odata.document<Record<string, unknown>>(entityPath(logicalName), queryOptions({ select: ['EntitySetName'] }), {
        kind: 'metadata',
        ...opt(signal),
      });
      return String(body['EntitySetName']);
    });
  }

  /**
   * `Organization.PricingDecimalPrecision` (cached): the scale of money columns whose
   * `PrecisionSource` is 1. `undefined` when the organization row cannot be read.
   */
  // https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/organization
  pricingDecimalPrecision(): Promise<number | undefined> {
    this.pricingPrecision ??= this.odata
      .query('organizations', queryOptions({ select: ['pricingdecimalprecision'] }), { kind: 'metadata', ...opt(this.scope) })
      .then((page) => {
        const value = page.rows[0]?.['pricingdecimalprecision'];
        return typeof value === 'number' ? value : undefined;
      });
    const loaded = this.pricingPrecision;
    // A failed load (throttled, cancelled) must not stay cached.
    loaded.catch(() => {
      if (this.pricingPrecision === loaded) this.pricingPrecision = undefined;
    });
    return loaded;
  }

  /** The rows of a typed attribute cast (`Microsoft.Dynamics.CRM.<type>`), for discover. */
  // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query-metadata-web-api#retrieving-attributes
  async typedAttributes(
    logicalName: string,
    type: string,
    select: string[],
    expand: string | undefined,
    signal?: AbortSignal,
  ): Promise<Record<string, unknown>[]> {
    const params = queryOptions({ select });
    if (expand) params.expand(expand);
    const page = await this.odata.query(`${entityPath(logicalName)}/Attributes/Microsoft.Dynamics.CRM.${type}`, params, {
      kind: 'metadata',
      ...opt(signal),
    });
    return page.rows;
  }

  // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/retrieve-metadata-name-metadataid
  private async loadTable(logicalName: string, signal?: AbortSignal): Promise<TableInfo> {
    if (!isLogicalName(logicalName)) throw new CrmNotFoundError(`'${logicalName}' is not a Dataverse table name`);
    const entity = await this.odata.document<Record<string, unknown>>(entityPath(logicalName), queryOptions({ select: ENTITY_SELECT }), {
      kind: 'metadata',
      ...opt(signal),
    });
    const summary = toSummary(entity);
    if (!summary) throw new CrmNotFoundError(`Dataverse has no table '${logicalName}'`);
    const page = await this.odata.query(`${entityPath(logicalName)}/Attributes`, queryOptions({ select: ATTRIBUTE_SELECT }), {
      kind: 'metadata',
      ...opt(signal),
    });
    const attributes = new Map<string, AttributeInfo>();
    const unsupported: UnsupportedAttribute[] = [];
    for (const row of page.rows) {
      const info = toAttributeInfo(row);
      if (info) attributes.set(info.logicalName, info);
      const reason = info ? undefined : unsupportedReason(row);
      if (reason) unsupported.push({ name: String(row['LogicalName']), nativeType: nativeTypeOf(row), reason });
    }
    await this.loadTargets(logicalName, attributes, signal);
    const kept = withoutLookupCompanions(attributes);
    for (const [name, a] of attributes) {
      if (!kept.has(name)) unsupported.push({ name, nativeType: a.nativeType, reason: companionReason(a.attributeOf ?? '', a.nativeType) });
    }
    return { ...summary, attributes: kept, ...(unsupported.length ? { unsupported } : {}) };
  }

  /**
   * The target tables of the table's lookups (one typed cast, only when it has lookups): reads
   * need them to tell a polymorphic lookup (several targets) from a plain one.
   */
  // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query-metadata-web-api#retrieving-attributes
  private async loadTargets(logicalName: string, attributes: Map<string, AttributeInfo>, signal?: AbortSignal): Promise<void> {
    if (![...attributes.values()].some((a) => a.kind === 'lookup')) return;
    const rows = await this.typedAttributes(logicalName, 'LookupAttributeMetadata', ['LogicalName', 'Targets'], undefined, signal);
    for (const row of rows) {
      const attribute = attributes.get(String(row['LogicalName']));
      if (attribute && Array.isArray(row['Targets'])) attribute.targets = row['Targets'].map(String);
    }
  }
}

function entityPath(logicalName: string): string {
  if (!isLogicalName(logicalName)) throw new CrmNotFoundError(`'${logicalName}' is not a Dataverse table name`);
  return `EntityDefinitions(LogicalName='${logicalName}')`;
}

function toSummary(row: Record<string, unknown>): TableSummary | undefined {
  const logicalName = row['LogicalName'];
  const entitySetName = row['EntitySetName'];
  if (typeof logicalName !== 'string' || typeof entitySetName !== 'string' || entitySetName === '') return undefined;
  return {
    logicalName,
    entitySetName,
    primaryId: String(row['PrimaryIdAttribute'] ?? `${logicalName}id`),
    label: labelOf(row['DisplayName']) ?? logicalName,
    custom: row['IsCustomEntity'] === true,
    changeTracking: row['ChangeTrackingEnabled'] === true,
    ...(typeof row['PrimaryNameAttribute'] === 'string' && row['PrimaryNameAttribute'] !== '' ? { primaryName: row['PrimaryNameAttribute'] } : {}),
  };
}

function cached<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let promise = cache.get(key);
  if (!promise) {
    promise = load();
    cache.set(key, promise);
    // A failed load (throttled, cancelled) must not poison the cache.
    promise.catch(() => cache.delete(key));
  }
  return promise;
}

function opt(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}
