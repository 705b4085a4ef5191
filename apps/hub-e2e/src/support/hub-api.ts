/** A small client of a running hub's API, with its key, that returns status, parsed body and raw text. */
export interface HubApi {
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T; text: string; headers: Headers }>;
}

export function hubApi(url: string, apiKey: string): HubApi {
  return {
    async call<T>(method: string, path: string, body?: unknown) {
      const send = () =>
        fetch(`${url}${path}`, {
          method,
          headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      // A kept-alive socket to a hub process that was killed (and restarted on the same port) fails
      // as the request goes out — closed, or reset by the kernel since nobody holds it any more —
      // and the new process never saw it: sending it once more is safe.
      const res = await send().catch((error: Error & { cause?: { code?: string; message?: string } }) => {
        const stale = ['UND_ERR_SOCKET', 'ECONNRESET'].includes(error.cause?.code ?? '') || /other side closed/.test(error.cause?.message ?? '');
        if (stale) return send();
        throw error;
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, text, headers: res.headers };
    },
  };
}
