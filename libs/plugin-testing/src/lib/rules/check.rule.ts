import { InsecureUrlError, type CheckResult, type JsonSchema } from '@crm-hub/plugin-sdk';
import { describeError, fail } from '../conformance-error';
import { defineRule } from '../rule-session';

/**
 * The config with its first `format: "uri"` setting (in the spec's order) switched to `http://`:
 * the configured URL with its scheme changed, or a placeholder when the config leaves it unset.
 * `undefined` when the spec has no URI setting (a CRM with a fixed endpoint).
 *
 * @example
 * ```ts
 * insecureConfig(spec, { baseUrl: 'https://crm.example.com/api' });
 * // { setting: 'baseUrl', config: { baseUrl: 'http://crm.example.com/api' } }
 * ```
 */
export function insecureConfig(
  spec: JsonSchema,
  config: Record<string, unknown>,
): { setting: string; config: Record<string, unknown> } | undefined {
  const setting = Object.entries(spec.properties ?? {}).find(([, property]) => property.format === 'uri')?.[0];
  if (setting === undefined) return undefined;
  const current = config[setting];
  const url = typeof current === 'string' && /^https:/i.test(current) ? current.replace(/^https:/i, 'http:') : 'http://crm.example.com/';
  return { setting, config: { ...config, [setting]: url } };
}

function shown(result: unknown): string {
  try {
    return JSON.stringify(result) ?? String(result);
  } catch {
    return String(result);
  }
}

/**
 * Rule `check` (contract rules 4 and 5): `check()` answers `{ ok: true }` for the valid config,
 * `{ ok: false, reason }` with a reason for the refused one, and rejects with `InsecureUrlError`
 * when a URI setting is `http://` (`createConnector()` rejecting with it is accepted too: the host
 * refuses the account either way). Secrets appear in no result, error or log line.
 *
 * @example
 * ```ts
 * await checkRule.run(options);
 * ```
 */
export const checkRule = defineRule(
  'check',
  'accepts the valid config, refuses the refused one with a reason, and rejects http:// URLs with InsecureUrlError',
  async (session) => {
    const { plugin, config, refusedConfig } = session.options;
    const valid = await session.open();
    const ok = await session.call('check() with the valid config', () => valid.connector.check());
    session.scanner.scan('the result of check() with the valid config', ok);
    if (ok?.ok !== true) fail(`check() with the valid config answered ${shown(ok)}; expected { ok: true }`);

    const refused = await session.open(refusedConfig);
    const no: CheckResult = await session.call('check() with refusedConfig', () => refused.connector.check());
    session.scanner.scan('the result of check() with refusedConfig', no);
    if (no?.ok !== false) fail(`check() with refusedConfig answered ${shown(no)}; expected { ok: false, reason }`);
    if (typeof no.reason !== 'string' || no.reason.trim() === '') {
      fail(`check() with refusedConfig gave the reason ${shown(no.reason)}; the operator needs a non-empty reason`);
    }

    const insecure = insecureConfig(plugin.manifest.connectionSpec, config);
    if (!insecure) return;
    const what = `check() with '${insecure.setting}' set to an http:// URL`;
    const outcome = await session.attempt(what, async () => {
      const test = session.newContext(insecure.config);
      const connector = session.track(await plugin.createConnector(test.ctx));
      return connector.check();
    });
    if (outcome.ok) fail(`${what} answered ${shown(outcome.value)}; it must reject with InsecureUrlError`);
    if (!(outcome.error instanceof InsecureUrlError)) {
      fail(`${what} rejected with ${describeError(outcome.error)}; expected InsecureUrlError (from @crm-hub/plugin-sdk)`);
    }
  },
);
