/**
 * What an API key may do. Scopes are nested: `admin` covers `operate`, which covers `read`.
 * - `read`: everything readable, never a secret;
 * - `operate`: run, cancel and schedule jobs, retry rejects, test connections;
 * - `admin`: everything, API keys included.
 */
export const SCOPES = ['read', 'operate', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** Whether a key of scope `held` may use a route that needs `needed`. */
export function scopeCovers(held: Scope, needed: Scope): boolean {
  return SCOPES.indexOf(held) >= SCOPES.indexOf(needed);
}

/**
 * The scope of a route that does not name one: reads need `read`, changes need `admin`. Secure by
 * default: a new mutating route is admin-only until someone decides otherwise.
 */
export function defaultScope(method: string): Scope {
  return ['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase()) ? 'read' : 'admin';
}
