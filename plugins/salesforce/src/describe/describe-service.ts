import { CrmNotFoundError, parseJsonLossless } from '@crm-hub/plugin-sdk';
import type { RestClient } from '../http/rest-client';
import type { SfDescribe, SfGlobalObject } from './describe-types';
import { ObjectModel } from './object-model';

const API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * A Salesforce API name (object or field), or `CrmNotFoundError`: names end up in URL paths and
 * SOQL, so anything else is refused before it reaches either.
 *
 * @example
 * ```ts
 * assertApiName('Subscription__c', 'object'); // ok
 * assertApiName('Contact/../x', 'object');    // throws CrmNotFoundError
 * ```
 */
export function assertApiName(name: string, what: 'object' | 'field'): void {
  if (typeof name !== 'string' || !API_NAME.test(name)) {
    throw new CrmNotFoundError(`${JSON.stringify(name)} is not a Salesforce ${what} API name`, { code: 'INVALID_TYPE' });
  }
}

/**
 * The `If-Modified-Since` value for a describe fetched at `fetchedAt` (its `Date`): one second
 * earlier, because HTTP dates have whole seconds and a change made later within that same second
 * would otherwise look "not modified".
 */
function modifiedSince(fetchedAt: string): string {
  const ms = Date.parse(fetchedAt);
  return Number.isNaN(ms) ? fetchedAt : new Date(ms - 1_000).toUTCString();
}

function prefixMap(objects: readonly SfGlobalObject[]): ReadonlyMap<string, string> {
  return new Map(objects.flatMap((o) => (typeof o.keyPrefix === 'string' && o.keyPrefix.length === 3 ? [[o.keyPrefix, o.name] as const] : [])));
}

interface Cached {
  model: ObjectModel;
  /** When the describe was fetched (the server's `Date`), for `If-Modified-Since`. */
  fetchedAt: string | undefined;
}

/**
 * Describes objects, once per connector for reads and writes (field types and components do not
 * change within a run), afresh for `discover()`. A fresh describe of an object described before
 * is conditional (`If-Modified-Since`): an unchanged object answers 304 without a body.
 *
 * @example
 * ```ts
 * const model = await describes.model('Contact', signal);
 * const fresh = await describes.model('Contact', signal, { fresh: true });
 * ```
 */
export class DescribeService {
  private readonly cache = new Map<string, Cached>();
  private readonly inflight = new Map<string, Promise<ObjectModel>>();
  private prefixes: Promise<ReadonlyMap<string, string>> | undefined;
  /** Key prefixes of polymorphic reference values already warned about as unknown (once per connector). */
  readonly warnedPrefixes = new Set<string>();

  constructor(private readonly client: RestClient) {}

  /** The object's model; `fresh` asks Salesforce again (conditionally when cached). */
  model(object: string, signal?: AbortSignal, options: { fresh?: boolean } = {}): Promise<ObjectModel> {
    assertApiName(object, 'object');
    const cached = this.cache.get(object);
    if (cached && !options.fresh) return Promise.resolve(cached.model);
    const key = `${object}${options.fresh ? '#fresh' : ''}`;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.fetch(object, cached, signal).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  /**
   * The org's objects (describeGlobal). Also (re)fills the key prefix map of {@link keyPrefixes}.
   * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_describeGlobal.htm
   */
  async listObjects(signal?: AbortSignal): Promise<SfGlobalObject[]> {
    // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_describeGlobal.htm
    const body = await this.client.json<{ sobjects?: SfGlobalObject[] }>({
      kind: 'describeGlobal',
      method: 'GET',
      path: this.client.dataPath('sobjects'),
      ...(signal ? { signal } : {}),
    });
    const objects = body?.sobjects ?? [];
    this.prefixes = Promise.resolve(prefixMap(objects));
    return objects;
  }

  /**
   * Key prefix (the first 3 characters of a record id) → object name, from describeGlobal: what
   * names the target of polymorphic reference values. Asked once per connector (single flight;
   * a failure is not kept), or taken from an earlier {@link listObjects}.
   */
  keyPrefixes(signal?: AbortSignal): Promise<ReadonlyMap<string, string>> {
    if (!this.prefixes) {
      const pending = this.listObjects(signal).then(prefixMap);
      this.prefixes = pending;
      pending.catch(() => {
        if (this.prefixes === pending) this.prefixes = undefined;
      });
    }
    return this.prefixes;
  }

  private async fetch(object: string, cached: Cached | undefined, signal?: AbortSignal): Promise<ObjectModel> {
    // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm
    let res;
    try {
      res = await this.client.send({
        kind: 'describe',
        method: 'GET',
        path: this.client.dataPath(`sobjects/${object}/describe`),
        headers: { accept: 'application/json', ...(cached?.fetchedAt ? { 'if-modified-since': modifiedSince(cached.fetchedAt) } : {}) },
        ...(signal ? { signal } : {}),
      });
    } catch (err) {
      if (err instanceof CrmNotFoundError) {
        throw new CrmNotFoundError(`Object '${object}' does not exist in this org, or this user cannot see it`, {
          ...(err.code ? { code: err.code } : {}),
          ...(err.status ? { status: err.status } : {}),
          cause: err,
        });
      }
      throw err;
    }
    if (res.statusCode === 304 && cached) return cached.model;
    const model = new ObjectModel(parseJsonLossless(res.body) as SfDescribe);
    this.cache.set(object, { model, fetchedAt: res.headers['date'] });
    return model;
  }
}
