/**
 * The environment variables a plugin's worker sees: only what a connector legitimately needs to
 * reach a CRM (proxies, trusted CAs, time zone, locale, temp folder). Never the hub's own settings:
 * HUB_SECRET_KEY, HUB_API_KEYS, DATABASE_URL, PG* and anything else stay out of the plugin's
 * `process.env`. An allow-list, not a deny-list, so a secret variable added to the hub later is
 * not handed to plugins by default.
 */
const PASSED_TO_PLUGINS = new Set([
  'PATH',
  'HOME',
  'TMPDIR',
  'TMP',
  'TEMP',
  'TZ',
  'LANG',
  'LANGUAGE',
  'NODE_ENV',
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
]);

/** The plugin's copy of the environment (a worker's `process.env` is its own object). */
export function pluginEnvironment(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const passed: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && (PASSED_TO_PLUGINS.has(name) || name.startsWith('LC_'))) passed[name] = value;
  }
  return passed;
}
