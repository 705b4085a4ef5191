import { InsecureUrlError } from './errors';

/**
 * A `fetch` that only speaks HTTPS: it refuses non-`https:` URLs and redirects to them (with
 * {@link InsecureUrlError}), drops credentials on cross-origin redirects, and always verifies
 * certificates (trust a private CA with `NODE_EXTRA_CA_CERTS`, never by turning checks off).
 *
 * @example
 * ```ts
 * const res = await ctx.http(`${instanceUrl}/services/data/v62.0/limits`, {
 *   headers: { authorization: `Bearer ${token}` },
 * });
 * if (!res.ok) throw new CrmTransientError(`limits answered ${res.status}`, { status: res.status });
 * ```
 */
export interface SecureFetch {
  (input: string | URL, init?: RequestInit): Promise<Response>;
}

/**
 * Options of {@link createSecureFetch}.
 *
 * @example
 * ```ts
 * const http = createSecureFetch({ timeoutMs: 30_000, signal: shutdown.signal });
 * ```
 */
export interface SecureFetchOptions {
  /** The underlying fetch (default: the global one). */
  fetch?: typeof fetch;
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number;
  /** Time limit of one call, redirects included (default 120 000 ms). */
  timeoutMs?: number;
  /** Aborts every call made through this fetch (e.g. host shutdown). */
  signal?: AbortSignal;
}

const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

/**
 * Makes a {@link SecureFetch}. The host gives one to every connector as `ctx.http`; plugins and
 * tests may make their own.
 *
 * @example
 * ```ts
 * const http = createSecureFetch();
 * await http('http://example.com'); // rejects with InsecureUrlError
 * ```
 */
export function createSecureFetch(options: SecureFetchOptions = {}): SecureFetch {
  const baseFetch = options.fetch ?? globalThis.fetch;
  const maxRedirects = options.maxRedirects ?? 5;
  const timeoutMs = options.timeoutMs ?? 120_000;

  return async function secureFetch(input: string | URL, init: RequestInit = {}): Promise<Response> {
    assertVerificationOn();
    let url = httpsUrl(input);
    const signals = [AbortSignal.timeout(timeoutMs), options.signal, init.signal].filter(Boolean) as AbortSignal[];
    const mode = init.redirect ?? 'follow';
    let request: RequestInit = { ...init, redirect: 'manual', signal: AbortSignal.any(signals) };

    for (let hop = 0; ; hop++) {
      const res = await baseFetch(url, request);
      const location = res.headers.get('location');
      if (![301, 302, 303, 307, 308].includes(res.status) || !location || mode === 'manual') return res;
      await res.body?.cancel();
      if (mode === 'error') throw new TypeError(`Redirect from ${url.origin}${url.pathname} refused (redirect: 'error')`);
      if (hop >= maxRedirects) throw new TypeError(`More than ${maxRedirects} redirects from ${url.origin}${url.pathname}`);
      const next = new URL(location, url);
      if (next.protocol !== 'https:') throw new InsecureUrlError(next, undefined, { status: res.status });
      request = redirectedRequest(request, res.status, next.origin !== url.origin);
      url = next;
    }
  };
}

function httpsUrl(input: string | URL): URL {
  let url: URL;
  try {
    url = new URL(String(input));
  } catch {
    throw new TypeError('SecureFetch needs an absolute https:// URL');
  }
  if (url.protocol !== 'https:') throw new InsecureUrlError(url);
  return url;
}

function assertVerificationOn(): void {
  if (process.env['NODE_TLS_REJECT_UNAUTHORIZED'] === '0') {
    throw new Error(
      'TLS certificate verification is disabled (NODE_TLS_REJECT_UNAUTHORIZED=0); CRM Hub refuses to connect. ' +
        'Unset it and trust a private CA with NODE_EXTRA_CA_CERTS instead.',
    );
  }
}

/** The next request after a redirect, as the Fetch standard describes (303 and POST→GET on 301/302). */
function redirectedRequest(previous: RequestInit, status: number, crossOrigin: boolean): RequestInit {
  const method = (previous.method ?? 'GET').toUpperCase();
  const toGet = status === 303 ? method !== 'HEAD' : (status === 301 || status === 302) && method === 'POST';
  const headers = new Headers(previous.headers);
  if (crossOrigin) CREDENTIAL_HEADERS.forEach((h) => headers.delete(h));
  if (toGet) {
    ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'].forEach((h) =>
      headers.delete(h),
    );
    return { ...previous, method: method === 'HEAD' ? 'HEAD' : 'GET', body: null, headers };
  }
  if (previous.body instanceof ReadableStream) {
    throw new TypeError(`Cannot repeat a streamed request body after a ${status} redirect`);
  }
  return { ...previous, headers };
}
