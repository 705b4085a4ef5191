import { type CrmPlugin, isCrmPlugin } from '@crm-hub/plugin-sdk';
import { describeError } from '../error-message';
import { PluginRefusedError } from '../errors';
import { importModule } from '../import-module';

/**
 * In the worker: imports the plugin's entry point and finds the plugin in it. Throws a
 * `PluginRefusedError` whose message is the refusal reason the hub shows.
 */
export async function importPlugin(entry: string): Promise<CrmPlugin> {
  let mod: Record<string, unknown>;
  try {
    mod = await importModule(entry);
  } catch (error) {
    throw new PluginRefusedError(`loading its entry point ${entry} failed with ${describeLoadError(error)}: fix or reinstall the plugin`);
  }
  return pluginExport(mod);
}

/**
 * A syntax error's message can quote the file it failed on (`Unexpected token 'r', "root:x:0:0"…
 * is not valid JSON` when the plugin reads a JSON file that is something else): the hub never
 * echoes file content, so it names the error class only.
 */
function describeLoadError(error: unknown): string {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  if (name === 'SyntaxError') return 'SyntaxError (in its code or in a file it reads; the message is not shown because it can quote file content)';
  return describeError(error);
}

/**
 * The plugin is the module's default export. CommonJS `module.exports = plugin` arrives as
 * `default`; TypeScript-compiled CommonJS (`exports.default = plugin`) arrives one level deeper.
 */
function pluginExport(mod: Record<string, unknown>): CrmPlugin {
  const candidate = mod['default'];
  if (isCrmPlugin(candidate)) return candidate;
  const nested = typeof candidate === 'object' && candidate !== null ? (candidate as Record<string, unknown>)['default'] : undefined;
  if (isCrmPlugin(nested)) return nested;
  const got = candidate === undefined ? 'it has no default export' : `its default export is ${describeValue(nested ?? candidate)}`;
  throw new PluginRefusedError(`${got}, not a CRM plugin: default-export the value returned by defineCrmPlugin(...) from @crm-hub/plugin-sdk`);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
