/** A tiny client of the hub's REST API for the demo: JSON in, JSON out, problems as errors. */
export interface HubRest {
  readonly url: string;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  delete(path: string): Promise<void>;
}

/** An answer that was not 2xx, with the hub's problem document. */
export class HubCallFailed extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly problem: { title?: string; detail?: string; errors?: { field?: string; message?: string }[] },
  ) {
    const fields = (problem.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('; ');
    super(`${method} ${path} answered ${status}: ${problem.detail ?? problem.title ?? ''}${fields ? ` (${fields})` : ''}`);
  }
}

export function hubRest(url: string, apiKey: string): HubRest {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const send = () =>
      fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    // A kept-alive connection the hub closed just as it was reused fails before the request is
    // sent: sending it once more is safe. Any other network failure is reported with its cause.
    const res = await send().catch((error: Error & { cause?: { code?: string; message?: string } }) => {
      if (error.cause?.code === 'UND_ERR_SOCKET' || error.cause?.code === 'ECONNRESET') return send();
      throw new Error(`${method} ${path}: ${error.cause?.message ?? error.message}`);
    });
    const text = await res.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (!res.ok) throw new HubCallFailed(method, path, res.status, (parsed ?? {}) as HubCallFailed['problem']);
    return parsed as T;
  }
  return {
    url,
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body ?? {}),
    patch: (path, body) => call('PATCH', path, body),
    delete: async (path) => {
      await call('DELETE', path);
    },
  };
}
