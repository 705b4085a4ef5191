/**
 * One request that went through a {@link recordingFetch}, with what came back.
 *
 * @example
 * ```ts
 * const queries = recorder.exchanges.filter((e) => e.url.pathname.endsWith('/query'));
 * expect(queries.map((e) => e.url.searchParams.get('q'))).toEqual(['SELECT Id FROM Contact']);
 * ```
 */
export interface RecordedExchange {
  /** The URL as sent. */
  url: URL;
  method: string;
  headers: Headers;
  /** The request body, when it was a string. */
  body: string | undefined;
  status: number;
  /** When the request was sent (epoch ms). */
  startedAt: number;
  responseHeaders: Headers;
  /** The response body, read from a clone (so the plugin still gets it whole); only with `{ bodies: true }`. */
  responseText?: Promise<string>;
}

/**
 * A fetch for `createTestContext({ fetch })` that records every request the plugin sends under
 * the SDK's SecureFetch (URL, headers, body, status; response bodies with `bodies: true`), for
 * tests that check what went on the wire. `base` is the fetch it records (default: the global one,
 * or a scripted fake).
 *
 * @example
 * ```ts
 * const recorder = recordingFetch({ bodies: true });
 * const test = createTestContext({ config, fetch: recorder.fetch });
 * const connector = await plugin.createConnector(test.ctx);
 * await connector.check();
 * expect(recorder.exchanges.map((e) => `${e.method} ${e.url.pathname}`)).toEqual(['POST /oauth2/token', 'GET /whoami']);
 * ```
 */
export function recordingFetch(options: { bodies?: boolean; base?: typeof fetch } = {}): {
  fetch: typeof fetch;
  exchanges: RecordedExchange[];
} {
  const base = options.base ?? fetch;
  const exchanges: RecordedExchange[] = [];
  const recording: typeof fetch = async (input, init) => {
    const startedAt = Date.now();
    const res = await base(input, init);
    exchanges.push({
      url: new URL(input instanceof Request ? input.url : String(input)),
      method: (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase(),
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? init.body : undefined,
      status: res.status,
      startedAt,
      responseHeaders: res.headers,
      ...(options.bodies ? { responseText: res.clone().text() } : {}),
    });
    return res;
  };
  return { fetch: recording, exchanges };
}
