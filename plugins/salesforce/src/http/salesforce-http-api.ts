import type { Connection } from 'jsforce/lib/connection';
import { HttpApi } from 'jsforce/lib/http-api';
import type { HttpResponse, Schema } from 'jsforce/lib/types';
import { toCrmError } from '../errors';
import type { CallOptions } from './secure-transport';

/**
 * jsforce's `HttpApi` (the class behind `conn.request()`), with three hooks changed:
 *
 * - the body is handed back raw (status, headers, text): jsforce would `JSON.parse` it, which
 *   rounds 18-digit decimals through a float; the REST client parses it losslessly instead;
 * - a failed answer becomes the SDK error the host acts on ({@link toCrmError}), keeping the
 *   Salesforce `errorCode` and the HTTP status (jsforce keeps only the code);
 * - jsforce's session refresh is off: it retries a 401 without limit and keeps the old
 *   `instance_url`; the REST client refreshes once, then retries once on the new instance.
 *
 * jsforce still does what it is good at here: the bearer header from the connection's session,
 * `Sforce-Call-Options`, and the request pipeline onto the connection's transport.
 *
 * @example
 * ```ts
 * const res = await new SalesforceHttpApi(conn, { kind: 'limits' }).request<HttpResponse>({ method: 'GET', url });
 * ```
 */
export class SalesforceHttpApi extends HttpApi<Schema> {
  private readonly what: string;

  constructor(conn: Connection<Schema>, options: CallOptions) {
    super(conn, options);
    this.what = options.kind ?? 'a request';
  }

  override getRefreshDelegate(): undefined {
    return undefined;
  }

  override isSessionExpired(): boolean {
    return false;
  }

  override async getResponseBody(response: HttpResponse): Promise<HttpResponse> {
    return response;
  }

  override async getError(response: HttpResponse): Promise<Error> {
    return toCrmError(response.statusCode, response.body, this.what, response.headers);
  }
}
