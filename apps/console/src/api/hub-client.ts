import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from '../generated/hub-api';
import { apiKeyStorage } from '../session/api-key-storage';

/** Called when the hub refuses the stored key (revoked, hub restarted with other keys): back to sign-in. */
let onUnauthorized: () => void = () => undefined;

export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

const withApiKey: Middleware = {
  onRequest({ request }) {
    const key = apiKeyStorage.get();
    if (key) request.headers.set('Authorization', `Bearer ${key}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401 && apiKeyStorage.get()) onUnauthorized();
    return response;
  },
};

/** The hub's REST API, typed from its OpenAPI document (src/generated/hub-api.d.ts). Same origin as the console. */
export const hub = createClient<paths>({ baseUrl: window.location.origin });
hub.use(withApiKey);
