import { createHash } from 'node:crypto';

/**
 * The CRM org an account talks to, as an opaque key: the plugin and the account's non-secret
 * settings (URLs, client and tenant ids). Accounts with the same settings share one budget; the
 * key is a hash, so `/metrics` and Redis show no URL or account id.
 */
export function orgKeyOf(account: { pluginId: string; settings: Record<string, unknown> }): string {
  const settings = Object.keys(account.settings)
    .sort()
    .map((key) => [key, account.settings[key]]);
  return createHash('sha256').update(JSON.stringify([account.pluginId, settings])).digest('hex').slice(0, 16);
}
