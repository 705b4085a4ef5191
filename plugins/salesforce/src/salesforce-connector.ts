import {
  CrmError,
  CrmNotFoundError,
  FILTER_OPERATORS,
  InsecureUrlError,
  anySignal,
  pacedStream,
  pollChanges,
  type ChangeRequest,
  type CheckResult,
  type ConnectorContext,
  type CrmCatalog,
  type CrmConnector,
  type DiscoverOptions,
  type PacedObservable,
  type ReadRequest,
  type SyncMessage,
  type WriteRequest,
  type WriteResult,
} from '@crm-hub/plugin-sdk';
import { createServices, type ConnectorServices } from './connector-services';
import type { LimitUsage } from './http/limit-info';
import { changePolling } from './read/change-stream';
import { readRecords, type ReadDeps } from './read/record-reader';
import { writeRecords } from './write/record-writer';

/** Objects described at once by `discover({ objects })`. */
const DESCRIBE_CONCURRENCY = 4;

/**
 * The Salesforce connector (see the plugin README for the settings and design). Cheap to create:
 * settings are read and Salesforce is called on first use. `dispose()` aborts every request and
 * timer in flight and is idempotent.
 *
 * @example
 * ```ts
 * const connector = new SalesforceConnector(ctx);
 * const catalog = await connector.discover({ objects: ['Contact'] });
 * ```
 */
export class SalesforceConnector implements CrmConnector {
  private readonly lifetime = new AbortController();
  private readonly signal: AbortSignal;
  private built: ConnectorServices | undefined;
  private apiUsage: LimitUsage | undefined;

  constructor(private readonly ctx: ConnectorContext) {
    this.signal = anySignal(ctx.signal, this.lifetime.signal);
  }

  private services(): ConnectorServices {
    if (this.lifetime.signal.aborted) throw new CrmError('This Salesforce connector was disposed', { code: 'DISPOSED' });
    this.built ??= createServices(this.ctx, this.signal, (usages) => {
      this.apiUsage = usages.find((u) => u.name === 'api-usage') ?? this.apiUsage;
    });
    return this.built;
  }

  private readDeps(): ReadDeps {
    const { client, describes, clock, settings } = this.services();
    return { client, describes, clock, settings, operators: FILTER_OPERATORS };
  }

  /**
   * Signs in and reads the org's limits (`GET /limits`): `{ ok: true, details }` with the
   * instance, API version, flow, org and user ids and the daily API usage; `{ ok: false, reason }`
   * when Salesforce refuses the credentials or the API version. An http:// URL rejects with
   * `InsecureUrlError` before any request.
   * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_limits.htm
   */
  async check(): Promise<CheckResult> {
    try {
      const { session, client, settings } = this.services();
      const { info } = await session.current();
      // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_limits.htm
      const limits = await client.json<Record<string, { Max?: number; Remaining?: number }>>({
        kind: 'limits',
        method: 'GET',
        path: client.dataPath('limits'),
        signal: this.signal,
      });
      const daily = limits?.['DailyApiRequests'];
      if (typeof daily?.Max === 'number' && typeof daily.Remaining === 'number') {
        this.apiUsage = { name: 'api-usage', used: daily.Max - daily.Remaining, limit: daily.Max };
        this.ctx.meter.quota('api-usage', this.apiUsage.used, this.apiUsage.limit);
      }
      const current = session.peek() ?? info;
      return {
        ok: true,
        details: {
          instanceUrl: current.instanceUrl,
          apiVersion: settings.apiVersion,
          authFlow: settings.authFlow,
          ...(current.orgId ? { orgId: current.orgId } : {}),
          ...(current.userId ? { userId: current.userId } : {}),
          ...(this.apiUsage ? { apiUsage: { used: this.apiUsage.used, limit: this.apiUsage.limit } } : {}),
        },
      };
    } catch (err) {
      if (err instanceof InsecureUrlError) throw err;
      if (err instanceof CrmNotFoundError) {
        return { ok: false, reason: `Salesforce does not serve REST API version ${String(this.built?.settings.apiVersion)} for this org: ${err.message}` };
      }
      if (err instanceof CrmError || err instanceof TypeError) return { ok: false, reason: err.message };
      throw err;
    }
  }

  /**
   * Without `objects`: the org's queryable objects (describeGlobal), fields left empty, and
   * `incremental` a hint from `replicateable`. With `objects`: each described afresh
   * (conditionally when described before), with canonical fields and the enums of their picklists.
   */
  async discover(opts: DiscoverOptions = {}): Promise<CrmCatalog> {
    const { describes } = this.services();
    if (!opts.objects) {
      const objects = (await describes.listObjects(this.signal))
        .filter((o) => o.queryable && o.deprecatedAndHidden !== true)
        .map((o) => ({
          name: o.name,
          label: o.label,
          custom: o.custom,
          idField: 'Id',
          incremental: o.replicateable === false ? ('none' as const) : ('cursor' as const),
          fields: [],
        }));
      return { objects, enums: [] };
    }
    const names = [...new Set(opts.objects)];
    const catalog: CrmCatalog = { objects: [], enums: [] };
    for (let i = 0; i < names.length; i += DESCRIBE_CONCURRENCY) {
      const models = await Promise.all(names.slice(i, i + DESCRIBE_CONCURRENCY).map((n) => describes.model(n, this.signal, { fresh: true })));
      for (const model of models) {
        catalog.objects.push(model.toCrmObject());
        catalog.enums.push(...model.enums());
      }
    }
    return catalog;
  }

  /**
   * Reads an object: cold (nothing before subscribe), paced by its consumer (SDK `pacedStream`:
   * iterated, the next CRM page is fetched only when the consumer has room), a checkpoint after
   * each page; see `readRecords` for the watermark, lag, deletes and Bulk path. Dispose or host
   * shutdown fails the stream.
   */
  read(req: ReadRequest): PacedObservable<SyncMessage> {
    return pacedStream((signal) => readRecords(this.readDeps(), req, signal), { lifetime: this.signal });
  }

  /** Follows an object by polling every `pollIntervalMs` on the read watermark (SDK `pollChanges`, see `changePolling`). */
  changes(req: ChangeRequest): PacedObservable<SyncMessage> {
    return pacedStream((signal) => pollChanges(changePolling(this.readDeps(), req), signal), { lifetime: this.signal });
  }

  /** Writes up to 10,000 records: one result per record, in order (see `writeRecords`). */
  async write(req: WriteRequest): Promise<WriteResult[]> {
    const { client, describes, settings } = this.services();
    return writeRecords({ client, describes, bulkWriteThreshold: settings.bulkWriteThreshold, logger: this.ctx.logger }, req, this.signal);
  }

  /** Aborts every request and timer in flight and forgets the session; idempotent. */
  async dispose(): Promise<void> {
    if (this.lifetime.signal.aborted) return;
    this.lifetime.abort(new CrmError('The Salesforce connector was disposed', { code: 'DISPOSED' }));
    this.built?.session.clear();
  }
}
