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
  type DiscoverOptions,
  type ReadRequest,
  type SyncMessage,
  type WriteRequest,
  type WriteResult,
} from '@crm-hub/plugin-sdk';
import { TokenProvider } from '../auth/token-provider';
import { HubSpotConfigError, parseHubSpotConfig, type HubSpotConfig } from '../config/hubspot-config';
import { HubSpotApi } from '../http/hubspot-api';
import { describeObject, summaryObject } from '../metadata/catalog';
import { ObjectDirectory } from '../metadata/object-directory';
import type { ReadDeps } from '../read/read-plan';
import { readObject, startPosition } from '../read/read-object';
import { writeRecords } from '../write/batch-writer';

interface Services {
  config: HubSpotConfig;
  tokens: TokenProvider;
  api: HubSpotApi;
  directory: ObjectDirectory;
}

/**
 * A connection to one HubSpot portal. Creating it costs nothing: the settings are checked on the
 * first call (so an `http://` host makes `check()` — and every other call — reject with
 * `InsecureUrlError`). Every request goes through `ctx.http`. `dispose()` aborts every stream
 * and wait.
 *
 * @example
 * ```ts
 * const connector = await plugin.createConnector(ctx);
 * const { ok } = await connector.check();
 * ```
 */
export class HubSpotConnector implements CrmConnector {
  private readonly scope = new AbortController();
  private readonly onHostAbort = (): void => this.scope.abort(this.ctx.signal.reason);
  private cached: Services | undefined;

  constructor(private readonly ctx: ConnectorContext) {
    if (ctx.signal.aborted) this.scope.abort(ctx.signal.reason);
    else ctx.signal.addEventListener('abort', this.onHostAbort, { once: true });
  }

  /** Checks the settings and the token: the account's details (portal id, time zone, data centre). */
  async check(): Promise<CheckResult> {
    let services: Services;
    try {
      services = this.services();
    } catch (error) {
      if (error instanceof HubSpotConfigError) return { ok: false, reason: error.message };
      throw error;
    }
    try {
      // https://developers.hubspot.com/docs/api/settings/account-information-api
      const { body } = await services.api.send<Record<string, unknown>>({ kind: 'account', method: 'GET', path: '/account-info/v3/details', signal: this.scope.signal });
      return { ok: true, details: { portalId: body['portalId'], timeZone: body['timeZone'], dataHostingLocation: body['dataHostingLocation'], auth: services.config.auth.kind } };
    } catch (error) {
      if (error instanceof CrmAuthError) return { ok: false, reason: error.message };
      throw error;
    }
  }

  /** Lists the objects (one call, for custom objects), or describes the given ones (one call each). */
  async discover(opts: DiscoverOptions = {}): Promise<CrmCatalog> {
    const { api, directory } = this.services();
    const signal = this.scope.signal;
    if (!opts.objects) return { objects: (await directory.list(signal)).map(summaryObject), enums: [] };
    const described = await Promise.all(opts.objects.map((name) => describeObject(api, directory, name, signal)));
    const enums = new Map<string, CrmEnum>();
    for (const d of described) d.enums.forEach((e) => enums.set(e.id, e));
    return { objects: described.map((d) => d.object), enums: [...enums.values()] };
  }

  /** A cold, lazy read paced by its consumer: one search (or archived list) page per pull (see `readObject`). */
  read(req: ReadRequest): Observable<SyncMessage> {
    return pacedStream((signal) => readObject(this.deps(), req, signal), { lifetime: this.scope.signal });
  }

  /**
   * A long-lived stream polling every `pollIntervalMs` (the SDK's `pollChanges`): from the
   * checkpoint, or from HubSpot's "now"; a poll failing with a retryable error becomes a `status`
   * warning and the next one resumes from the last checkpoint.
   */
  changes(req: ChangeRequest): Observable<SyncMessage> {
    return pacedStream(
      (signal) => {
        const deps = this.deps();
        const base = { object: req.object, fields: req.fields };
        return pollChanges(
          {
            object: req.object,
            intervalMs: deps.config.pollIntervalMs,
            ...(req.checkpoint ? { checkpoint: req.checkpoint } : {}),
            start: (startSignal) => startPosition(deps, base, startSignal),
            read: (checkpoint, readSignal) => readObject(deps, { ...base, checkpoint }, readSignal),
          },
          signal,
        );
      },
      { lifetime: this.scope.signal },
    );
  }

  /** Writes through the batch endpoints (see `writeRecords`): one result per record, in order. */
  async write(req: WriteRequest): Promise<WriteResult[]> {
    const { api, directory } = this.services();
    if (req.records.length === 0) return [];
    const described = await describeObject(api, directory, req.object, this.scope.signal);
    return writeRecords(api, described, req, this.scope.signal);
  }

  /** Stops every stream, wait and request of this connector; safe to call twice. */
  async dispose(): Promise<void> {
    this.ctx.signal.removeEventListener('abort', this.onHostAbort);
    if (!this.scope.signal.aborted) this.scope.abort(new Error('The HubSpot connector was disposed'));
    this.cached?.tokens.invalidate();
  }

  private deps(): ReadDeps {
    const { api, directory, config } = this.services();
    return { api, directory, config };
  }

  private services(): Services {
    if (this.cached) return this.cached;
    const config = parseHubSpotConfig(this.ctx.config);
    const tokens = new TokenProvider(config, this.ctx.http, this.ctx.meter);
    const api = new HubSpotApi(config, this.ctx.http, tokens, this.ctx.meter, this.ctx.logger);
    this.cached = { config, tokens, api, directory: new ObjectDirectory(api) };
    return this.cached;
  }
}
