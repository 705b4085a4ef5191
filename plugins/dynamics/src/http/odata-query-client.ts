import { parseJsonLossless } from '@crm-hub/plugin-sdk';
import { OData, type FetchProxy, type SystemQueryOptions } from '@odata/client';
import { ODataPage } from './odata-page';
import type { ApiResponse, WebApiClient } from './web-api-client';

export { ODataPage } from './odata-page';

/** Per-call options: what to meter it as, `Prefer` preferences, cancellation, throttle hook. */
export interface QueryCallOptions {
  kind: string;
  prefer?: string[];
  signal?: AbortSignal;
  onThrottle?: (retryAt: Date) => void;
}

/**
 * Query options for {@link ODataQueryClient.query}; `filter` must already be a valid `$filter`.
 *
 * @example
 * ```ts
 * const options = queryOptions({ select: ['fullname', 'contactid'], filter: "statecode eq 0" });
 * ```
 */
export function queryOptions(options: { select?: string[]; filter?: string; orderby?: string[] }): SystemQueryOptions {
  const params = OData.newOptions();
  if (options.select?.length) params.select(options.select);
  // @odata/client 2.21 joins query values without percent-encoding them: a literal holding '&',
  // '#' or '+' would break the URL, so the $filter and $orderby text is encoded here.
  if (options.filter) params.filter(encodeURIComponent(options.filter));
  if (options.orderby?.length) params.custom('$orderby', encodeURIComponent(options.orderby.join(',')));
  return params;
}

/**
 * Reads the Web API with `@odata/client` 2.21, wired to {@link WebApiClient} through its
 * `fetchProxy` so every request still goes through `ctx.http`, the meter, retries and our error
 * mapping (the library's own error path keeps only the message). It pages itself: the library's
 * `EntitySet.query()` returns the first page and drops `@odata.nextLink`, so the first page comes
 * from `newRequest()` and the next ones from `requestUri(link)` with the link untouched.
 *
 * @example
 * ```ts
 * const odata = new ODataQueryClient(api);
 * let page = await odata.query('contacts', queryOptions({ select: ['fullname'] }), { kind: 'query', prefer: ['odata.maxpagesize=5000'] });
 * while (page.nextLink) page = await odata.follow(page.nextLink, { kind: 'nextLink' });
 * ```
 */
export class ODataQueryClient {
  constructor(private readonly api: WebApiClient) {}

  /** The first page of `collection` (an entity set or a metadata path) with `params`. */
  // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/overview
  async query(collection: string, params: SystemQueryOptions | undefined, options: QueryCallOptions): Promise<ODataPage> {
    const call = this.client(options, true);
    const res = (await call.odata.newRequest({ collection, method: 'GET', ...(params ? { params } : {}) })) as ApiResponse;
    return this.page(res);
  }

  /** The page behind a next or delta link, requested exactly as given. */
  // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/page-results
  async follow(link: string, options: QueryCallOptions): Promise<ODataPage> {
    const call = this.client(options, true);
    // requestUri is the library's own "GET this URI as is" path; its typings mark it private.
    const odata = call.odata as unknown as { requestUri(uri: string): Promise<unknown> };
    // Absolute links are used verbatim; a relative one (allowed by OData) is resolved against the service root.
    const res = (await odata.requestUri(/^https:\/\//i.test(link) ? link : new URL(link, this.api.config.webApiUrl).href)) as ApiResponse;
    return this.page(res);
  }

  /** One JSON document (an entity, a metadata definition) at `path` under the service root. */
  async document<T>(path: string, params: SystemQueryOptions | undefined, options: QueryCallOptions): Promise<T> {
    const call = this.client(options);
    const res = (await call.odata.newRequest({ collection: path, method: 'GET', ...(params ? { params } : {}) })) as ApiResponse;
    return (res.text === '' ? {} : parseJsonLossless(res.text)) as T;
  }

  /** A page that owns its answer's body, lent by the client's buffers and handed back after its last row. */
  private page(res: ApiResponse): ODataPage {
    return ODataPage.fromBytes(res.bytes, res.headers, (bytes) => this.api.bodies.release(bytes));
  }

  private client(options: QueryCallOptions, pooledBody = false): { odata: ReturnType<typeof OData.New4> } {
    const fetchProxy: FetchProxy = async (url, init) => {
      const res = await this.api.send({
        kind: options.kind,
        method: 'GET',
        url,
        pooledBody,
        headers: options.prefer?.length ? { prefer: options.prefer.join(', ') } : {},
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onThrottle ? { onThrottle: options.onThrottle } : {}),
      });
      void init; // the library's own headers (Accept/Content-Type) are replaced by WebApiClient's
      // The answer goes back as received: a page decodes and parses its rows when its reader gets to them.
      return { content: res, response: new Response(null, { status: res.status === 204 ? 204 : 200, headers: res.headers }) };
    };
    return { odata: OData.New4({ serviceEndpoint: this.api.config.webApiUrl, fetchProxy }) };
  }
}
