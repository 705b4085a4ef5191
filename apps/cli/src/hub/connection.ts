import { UsageError } from '../usage-error';

/** Where the hub is and the key to use: flags first, then the environment. */
export interface HubConnection {
  url: string;
  apiKey: string;
}

/** The options every command accepts (see `program.ts`). */
export interface ConnectionOptions {
  url?: string;
  apiKey?: string;
}

export const DEFAULT_HUB_URL = 'http://localhost:3000';

/**
 * Resolves the hub's URL and API key from `--url` / `--api-key`, else `CRM_HUB_URL` /
 * `CRM_HUB_API_KEY`. The URL defaults to the one `npm start` and `npm run demo` listen on.
 */
export function resolveConnection(options: ConnectionOptions, env: NodeJS.ProcessEnv = process.env): HubConnection {
  const url = (options.url ?? env['CRM_HUB_URL'] ?? DEFAULT_HUB_URL).trim().replace(/\/+$/, '');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`'${url}' is not a URL: pass the hub's address, e.g. --url ${DEFAULT_HUB_URL}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UsageError(`'${url}' is not an http(s) URL: pass the hub's address, e.g. --url ${DEFAULT_HUB_URL}`);
  }
  const apiKey = (options.apiKey ?? env['CRM_HUB_API_KEY'] ?? '').trim();
  if (!apiKey) {
    throw new UsageError(
      'No API key: pass --api-key or set CRM_HUB_API_KEY (a hub prints its generated key once, on its first start; `npm run demo` prints its own).',
    );
  }
  return { url, apiKey };
}
