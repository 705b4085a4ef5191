import type { JsonSchema } from '@crm-hub/plugin-sdk';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { compileSchema } from './connection-spec-ajv';
import { settingsLimitProblems } from './connection-spec-limits';
import { walkSchema } from './json-schema-walk';
import { isRecord } from './package-json';

/** One thing wrong with an account's settings. */
export interface ConnectionSpecProblem {
  /** The setting, e.g. `config.instanceUrl` (nested: `config.auth.tenant`). */
  readonly field: string;
  /** Human-readable; never contains the value of a secret. */
  readonly message: string;
}

/** Validates account settings against a plugin's `connectionSpec`. */
export interface ConnectionSpecValidator {
  /** Top-level properties marked `"x-secret": true`: stored encrypted, write-only, redacted. */
  readonly secretKeys: string[];
  /** Top-level properties with `format: "uri"`: must be https. */
  readonly uriKeys: string[];
  /** Checks a config; `value` is a copy with the spec's defaults applied (the input is not changed). */
  validate(config: unknown): { value: Record<string, unknown>; problems: ConnectionSpecProblem[] };
}

// Specs are frozen manifest objects that live as long as their plugin: one compile per spec.
const validators = new WeakMap<object, ConnectionSpecValidator>();

/**
 * Makes the validator of a plugin's connection spec. Unknown top-level settings are refused unless
 * the spec says `additionalProperties: true` (a typo in a setting name must not pass silently),
 * every `format: "uri"` setting must be an `https://` URL, and the hub's own limits apply to any
 * spec (sizes, no credentials in URLs, no prototype keys: see `settingsLimitProblems`). Throws when the spec is not a valid
 * JSON Schema or breaks the hub's rules (see {@link connectionSpecProblems}).
 */
export function createConnectionSpecValidator(spec: JsonSchema): ConnectionSpecValidator {
  const cached = validators.get(spec);
  if (cached) return cached;
  const problems = connectionSpecProblems(spec);
  if (problems.length) throw new TypeError(`invalid connectionSpec: ${problems.join('; ')}`);
  const { $id: _id, ...rest } = spec; // an $id would make a second compile of the same spec clash in the shared Ajv
  const compiled = compileSchema({ ...rest, additionalProperties: spec.additionalProperties ?? false });
  const properties = spec.properties ?? {};
  const secretKeys = Object.keys(properties).filter((key) => properties[key]?.['x-secret'] === true);
  const uriKeys = Object.keys(properties).filter((key) => properties[key]?.format === 'uri');
  const validator: ConnectionSpecValidator = {
    secretKeys,
    uriKeys,
    validate: (config) => validate(compiled, { secretKeys, uriKeys }, config),
  };
  validators.set(spec, validator);
  return validator;
}

/**
 * What the hub's own rules refuse in a connection spec: `"x-secret"` and `format: "uri"` only on
 * top-level string properties, because that is where the accounts feature encrypts, redacts and
 * checks them — a secret nested deeper would be stored in clear.
 */
export function connectionSpecProblems(spec: unknown): string[] {
  const problems: string[] = [];
  walkSchema(spec, (node, path) => {
    const where = ['connectionSpec', ...path].join('.');
    const topLevelString = path.length === 2 && path[0] === 'properties' && node['type'] === 'string';
    const secret = node['x-secret'];
    if (secret !== undefined && typeof secret !== 'boolean') problems.push(`${where}: "x-secret" must be true or false`);
    if (secret === true && !topLevelString) problems.push(`${where}: "x-secret" is only allowed on top-level string properties`);
    if (node['format'] === 'uri' && !topLevelString) problems.push(`${where}: format "uri" is only allowed on top-level string properties`);
  });
  return problems;
}

function validate(
  compiled: ValidateFunction,
  keys: { secretKeys: string[]; uriKeys: string[] },
  config: unknown,
): ReturnType<ConnectionSpecValidator['validate']> {
  if (!isRecord(config)) return { value: {}, problems: [{ field: 'config', message: 'must be an object of settings' }] };
  // The hub's own limits first: a config over the size limit is not worth handing to Ajv.
  const limits = settingsLimitProblems(config, keys);
  if (limits.some((p) => p.field === 'config')) return { value: {}, problems: limits };
  const { uriKeys } = keys;
  let value: Record<string, unknown>;
  try {
    value = structuredClone(config);
  } catch {
    return { value: {}, problems: [{ field: 'config', message: 'must be plain JSON data' }] };
  }
  const problems: ConnectionSpecProblem[] = [...limits];
  if (!compiled(value)) {
    for (const error of compiled.errors ?? []) {
      const problem = describe(error);
      if (problem) problems.push(problem);
    }
  }
  for (const key of uriKeys) {
    const field = `config.${key}`;
    if (problems.some((p) => p.field === field)) continue; // already reported (not a URL, wrong type…)
    const url = value[key];
    if (typeof url === 'string' && !/^https:\/\//i.test(url)) {
      problems.push({ field, message: 'must be an https:// URL (the hub refuses http:// and other schemes): use the https:// address' });
    }
  }
  return { value, problems: unique(problems) };
}

/**
 * Turns an Ajv error into a problem. Messages are built from the schema and the property names
 * only, never from the submitted values, so a secret cannot leak through them.
 */
function describe(error: ErrorObject): ConnectionSpecProblem | undefined {
  const field = fieldName(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { field: `${field}.${String(params['missingProperty'])}`, message: 'is required' };
    case 'additionalProperties':
      return { field: `${field}.${String(params['additionalProperty'])}`, message: 'is not a setting of this plugin: remove it (or check its spelling)' };
    case 'type':
      return { field, message: `must be ${String(params['type']).split(',').map(withArticle).join(' or ')}` };
    case 'format':
      return { field, message: params['format'] === 'uri' ? 'must be an absolute URL such as https://example.com' : `must be a valid ${String(params['format'])}` };
    case 'enum':
      return { field, message: `must be one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'if':
      return undefined; // the failing then/else branch has its own, more precise error
    default:
      return { field, message: error.message ?? 'is invalid' };
  }
}

/** `/auth/tenant` → `config.auth.tenant`, `/scopes/0` → `config.scopes[0]` (JSON Pointer unescaped). */
function fieldName(instancePath: string): string {
  if (instancePath === '') return 'config';
  return instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((name, segment) => (/^\d+$/.test(segment) ? `${name}[${segment}]` : `${name}.${segment}`), 'config');
}

function withArticle(type: string): string {
  if (type === 'null') return 'null';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function unique(problems: ConnectionSpecProblem[]): ConnectionSpecProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.field}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
