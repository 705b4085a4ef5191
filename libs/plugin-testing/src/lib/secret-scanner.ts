import type { JsonSchema } from '@crm-hub/plugin-sdk';
import { ConformanceError } from './conformance-error';

/** Shorter values would match by chance (and are no real secret); they are not searched. */
const MIN_SECRET_LENGTH = 4;

/**
 * A secret of the account: the setting's path and its value.
 *
 * @example
 * ```ts
 * const secret: SecretSetting = { setting: 'oauth.clientSecret', value: 's3cret-value' };
 * ```
 */
export interface SecretSetting {
  setting: string;
  value: string;
}

/**
 * The values of the `x-secret` properties of `spec` found in `config` (nested object properties
 * included, as `parent.child`).
 *
 * @example
 * ```ts
 * secretSettings({ type: 'object', properties: { token: { type: 'string', 'x-secret': true } } }, { token: 'abcd1234' });
 * // [{ setting: 'token', value: 'abcd1234' }]
 * ```
 */
export function secretSettings(spec: JsonSchema, config: Record<string, unknown>, prefix = ''): SecretSetting[] {
  const found: SecretSetting[] = [];
  for (const [name, property] of Object.entries(spec?.properties ?? {})) {
    const value = config?.[name];
    const setting = `${prefix}${name}`;
    if (property['x-secret'] === true && typeof value === 'string' && value.length >= MIN_SECRET_LENGTH) {
      found.push({ setting, value });
    } else if (property.properties && typeof value === 'object' && value !== null) {
      found.push(...secretSettings(property, value as Record<string, unknown>, `${setting}.`));
    }
  }
  return found;
}

/**
 * Searches values (strings, objects, arrays, errors with their causes) for the account's secrets
 * and throws a {@link ConformanceError} naming the setting and where it appeared, never the value.
 *
 * @example
 * ```ts
 * const scanner = new SecretScanner(secretSettings(plugin.manifest.connectionSpec, config));
 * scanner.scan('the reason of check()', result.reason);
 * ```
 */
export class SecretScanner {
  constructor(private readonly secrets: readonly SecretSetting[]) {}

  /** Throws when `value` holds a secret; `where` completes "… appears in <where>". */
  scan(where: string, value: unknown): void {
    if (this.secrets.length === 0) return;
    const hit = this.find(value, new WeakSet());
    if (hit) {
      throw new ConformanceError(
        `the value of the secret setting '${hit.setting}' appears in ${where}: secrets must never reach logs, errors, results or checkpoints`,
      );
    }
  }

  private find(value: unknown, seen: WeakSet<object>): SecretSetting | undefined {
    if (typeof value === 'string') return this.secrets.find((s) => value.includes(s.value));
    if (typeof value !== 'object' || value === null || seen.has(value)) return undefined;
    seen.add(value);
    if (value instanceof Error) {
      // message and stack are own but non-enumerable; the cause may wrap the low-level error that leaked.
      const parts: unknown[] = [value.message, value.stack, value.cause, { ...value }];
      return parts.map((p) => this.find(p, seen)).find(Boolean);
    }
    for (const [key, item] of Object.entries(value)) {
      const hit = this.find(key, seen) ?? this.find(item, seen);
      if (hit) return hit;
    }
    return undefined;
  }
}
