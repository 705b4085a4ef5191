import type { ConnectionSpecProblem } from './connection-spec';

/** Longest single setting, in UTF-8 bytes: a PEM key with its certificate chain fits many times. */
export const MAX_SETTING_BYTES = 16 * 1024;
/** Largest settings object, as JSON in UTF-8 bytes. */
export const MAX_CONFIG_BYTES = 64 * 1024;

/** Keys that would reach `Object.prototype` or a constructor when settings are copied or merged. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** `scheme://` followed by a user (and maybe a password) before `@` in the authority part. */
const URL_WITH_CREDENTIALS = /^\s*[a-z][a-z0-9+.-]*:\/\/[^/?#\s]*@/i;

/**
 * What the hub refuses in any settings whatever the plugin's spec says: sizes beyond the limits
 * (settings are encrypted, logged masked and sent to the CRM on every call, so megabytes of them
 * are a mistake or an attack), prototype-polluting keys, and user names or passwords inside URLs
 * (they would be stored and shown in clear as a plain setting: credentials belong in the plugin's
 * secret settings). Messages never quote a value. Walks iteratively: the input may be hostile.
 */
export function settingsLimitProblems(
  config: Record<string, unknown>,
  keys: { secretKeys: readonly string[]; uriKeys: readonly string[] },
): ConnectionSpecProblem[] {
  const problems: ConnectionSpecProblem[] = [];
  let json: string | undefined;
  try {
    json = JSON.stringify(config);
  } catch {
    return [{ field: 'config', message: 'must be plain JSON data' }];
  }
  if (Buffer.byteLength(json ?? '') > MAX_CONFIG_BYTES) {
    problems.push({ field: 'config', message: `is larger than ${MAX_CONFIG_BYTES / 1024} KiB in all (as JSON): settings hold connection details, not data` });
  }
  // A secret is not shown back, so only declared URL settings are checked among secrets.
  const queue: { value: unknown; field: string; checkUrl: boolean }[] = Object.entries(config).map(([key, value]) => ({
    value,
    field: `config.${key}`,
    checkUrl: keys.uriKeys.includes(key) || !keys.secretKeys.includes(key),
  }));
  for (const [key] of Object.entries(config)) {
    if (FORBIDDEN_KEYS.has(key)) problems.push({ field: `config.${key}`, message: 'is not a setting of any plugin: remove it' });
  }
  for (let i = 0; i < queue.length && problems.length < 50; i++) {
    const { value, field, checkUrl } = queue[i] as (typeof queue)[number];
    if (typeof value === 'string') {
      if (Buffer.byteLength(value) > MAX_SETTING_BYTES) {
        problems.push({ field, message: `is longer than ${MAX_SETTING_BYTES / 1024} KiB` });
      } else if (checkUrl && URL_WITH_CREDENTIALS.test(value)) {
        problems.push({
          field,
          message: "must not contain a user name or password (https://user:password@host): give credentials in the plugin's secret settings",
        });
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => queue.push({ value: item, field: `${field}[${index}]`, checkUrl }));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        if (FORBIDDEN_KEYS.has(key)) problems.push({ field: `${field}.${key}`, message: 'is not a setting of any plugin: remove it' });
        queue.push({ value: item, field: `${field}.${key}`, checkUrl });
      }
    }
  }
  return problems;
}
