/** One request that went through a {@link recordingFetch}, with what came back. */
export interface RecordedExchange {
  url: string;
  method: string;
  headers: Headers;
  body: string | undefined;
  status: number;
  startedAt: number;
  /** The response body (read from a clone, so the plugin still gets it whole). */
  responseText: Promise<string>;
  responseHeaders: Headers;
}

/**
 * A fetch for `createTestContext({ fetch })` that records every request under the SDK's
 * SecureFetch (URL as sent, headers, body, answer), for tests that check what went on the wire.
 * `base` is the fetch it records (default: the global one).
 *
 * @example
 * ```ts
 * const recorder = recordingFetch();
 * const test = createTestContext({ config, fetch: recorder.fetch });
 * ```
 */
export function recordingFetch(base: typeof fetch = fetch): { fetch: typeof fetch; exchanges: RecordedExchange[] } {
  const exchanges: RecordedExchange[] = [];
  const recording: typeof fetch = async (input, init) => {
    const startedAt = Date.now();
    const res = await base(input, init);
    exchanges.push({
      url: String(input instanceof Request ? input.url : input),
      method: (init?.method ?? 'GET').toUpperCase(),
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? init.body : undefined,
      status: res.status,
      startedAt,
      responseText: res.clone().text(),
      responseHeaders: res.headers,
    });
    return res;
  };
  return { fetch: recording, exchanges };
}
