import type { Observable } from 'rxjs';
import {
  CrmAuthError,
  pacedStream,
  pollChanges,
  type ChangeRequest,
  type CheckResult,
  type ConnectorContext,
  type CrmCatalog,
  type CrmConnector,
  type CrmEnum,
  type CrmObject,
  type DiscoverOptions,
  type ReadRequest,
  type SyncMessage,
  type WriteRequest,
  type WriteResult,
} from '@crm-hub/plugin-sdk';
import { TokenProvider } from '../auth/token-provider';
import { parseDynamicsConfig, type DynamicsConfig } from '../config/dynamics-config';
import { DataverseConfigError } from '../errors';
import { ODataQueryClient } from '../http/odata-query-client';
import { WebApiClient } from '../http/web-api-client';
import { dynamicsManifest } from '../manifest/manifest';
import { describeTable, summaryObject } from '../metadata/catalog-builder';
import { MetadataClient } from '../metadata/metadata-client';
import { readTable, startPosition, type ReadDeps } from '../read/table-reader';
import type { LookupResolver } from '../values/value-writer';
import { writeTarget } from '../write/record-planner';
import { writeRecords } from '../write/write-executor';

interface Services {
  config: DynamicsConfig;
  tokens: TokenProvider;
  api: WebApiClient;
  odata: ODataQueryClient;
  metadata: MetadataClient;
}

/**
 * A connection to one Dataverse environment. Creating it costs nothing: the settings are checked
 * and the first token is requested on the first call (so an `http://` URL makes `check()` —
 * and every other call — reject with `InsecureUrlError`). Table definitions and the token are
 * cached for the connector's life; `dispose()` aborts every stream and timer.
 *
 * @example
 * ```ts
 * const connector = await plugin.createConnector(ctx);
 * const { ok } = await connector.check();
 * ```
 */
export class DynamicsConnector implements CrmConnector {
  private readonly scope = new AbortController();
  private readonly onHostAbort = (): void => this.scope.abort(this.ctx.signal.reason);
  private cachedServices: Services | undefined;

  constructor(private readonly ctx: ConnectorContext) {
    if (ctx.signal.aborted) this.scope.abort(ctx.signal.reason);
    else ctx.signal.addEventListener('abort', this.onHostAbort, { once: true });
  }

  /** Checks the settings and credentials: a token, then `WhoAmI` as the application user. */
  async check(): Promise<CheckResult> {
    let services: Services;
    try {
      services = this.services();
    } catch (error) {
      if (error instanceof DataverseConfigError) return { ok: false, reason: error.message };
      throw error;
    }
    try {
      // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/whoami
      const me = await services.odata.document<Record<string, unknown>>('WhoAmI', undefined, { kind: 'whoami', signal: this.scope.signal });
      return {
        ok: true,
        details: {
          userId: me['UserId'],
          organizationId: me['OrganizationId'],
          businessUnitId: me['BusinessUnitId'],
          apiVersion: services.config.apiVersion,
        },
      };
    } catch (error) {
      if (error instanceof CrmAuthError || error instanceof DataverseConfigError) return { ok: false, reason: error.message };
      throw error;
    }
  }

  /** Lists tables (one call), or describes the given ones (a few calls per table, concurrently). */
  async discover(opts: DiscoverOptions = {}): Promise<CrmCatalog> {
    const { metadata } = this.services();
    const signal = this.scope.signal;
    if (!opts.objects) return { objects: (await metadata.listTables(signal)).map(summaryObject), enums: [] };
    const described = await Promise.all(opts.objects.map((name) => describeTable(metadata, name, signal)));
    const enums = new Map<string, CrmEnum>();
    const objects: CrmObject[] = [];
    for (const { object, enums: used } of described) {
      objects.push(object);
      used.forEach((e) => enums.set(e.id, e));
    }
    return { objects, enums: [...enums.values()] };
  }

  /**
   * A cold, lazy read, paced by its consumer: full, or incremental from a checkpoint (see
   * `readTable`). Iterated (`toAsyncIterable`), the next page is fetched only when the consumer
   * has room for it; subscribed, pages come as fast as Dataverse answers. `deletes` defaults to
   * `include` for change-tracked tables and `exclude` for the others (whose catalog entry says
   * `deletes: 'none'`); `window` is not used, since deletions stream inline (or, for tables
   * without change tracking, cannot be read at all).
   */
  read(req: ReadRequest): Observable<SyncMessage> {
    return pacedStream((signal) => readTable(this.readDeps(), req, signal), { lifetime: this.scope.signal });
  }

  /**
   * A cold, long-lived stream polling the delta link or watermark every `pollIntervalMs` (the
   * SDK's `pollChanges`). Without a checkpoint it starts from the current position, emitting only
   * later changes; a poll failing with a retryable error becomes a `status` warning and the next
   * poll resumes from the last checkpoint.
   */
  changes(req: ChangeRequest): Observable<SyncMessage> {
    return pacedStream(
      (signal) => {
        const deps = this.readDeps();
        const base = { object: req.object, fields: req.fields };
        return pollChanges(
          {
            object: req.object,
            intervalMs: deps.config.pollIntervalMs,
            ...(req.checkpoint ? { checkpoint: req.checkpoint } : {}),
            start: (startSignal) => startPosition(deps, base, startSignal),
            read: (checkpoint, readSignal) => readTable(deps, { ...base, checkpoint }, readSignal),
          },
          signal,
        );
      },
      { lifetime: this.scope.signal },
    );
  }

  /** Writes through `$batch` (see `writeRecords`); one result per record, in order. */
  async write(req: WriteRequest): Promise<WriteResult[]> {
    const { api, metadata } = this.services();
    const signal = this.scope.signal;
    if (req.records.length === 0) return [];
    const table = await metadata.table(req.object);
    const keys = req.operation === 'upsert' && req.matchField !== undefined ? await metadata.keys(req.object) : [];
    const resolver: LookupResolver = { navigation: (name) => metadata.navigation(name), entitySetName: (name) => metadata.entitySetName(name) };
    return writeRecords(api, writeTarget(table, req, keys), req.records, resolver, signal);
  }

  /** Stops every stream, timer and request of this connector; safe to call twice. */
  async dispose(): Promise<void> {
    this.ctx.signal.removeEventListener('abort', this.onHostAbort);
    if (!this.scope.signal.aborted) this.scope.abort(new Error('The Dynamics connector was disposed'));
    this.cachedServices?.tokens.invalidate();
  }

  /** What a table read needs; settings are checked (and may throw) on the stream's first pull. */
  private readDeps(): ReadDeps {
    const services = this.services();
    return {
      services: { odata: services.odata, clock: services.api.clock },
      metadata: services.metadata,
      config: services.config,
      operators: dynamicsManifest.capabilities.filterOperators,
    };
  }

  private services(): Services {
    if (this.cachedServices) return this.cachedServices;
    const config = parseDynamicsConfig(this.ctx.config);
    const tokens = new TokenProvider(config, this.ctx.http, this.ctx.meter);
    const api = new WebApiClient(config, this.ctx.http, tokens, this.ctx.meter, this.ctx.logger);
    const odata = new ODataQueryClient(api);
    this.cachedServices = { config, tokens, api, odata, metadata: new MetadataClient(odata, this.scope.signal) };
    return this.cachedServices;
  }
}
