/**
 * Reading a plugin's `connectionSpec` (JSON Schema) to build its settings form. The hub validates
 * the settings again (ajv); these checks only give the answer while the user types. No ajv here:
 * it compiles schemas with `new Function`, which the console's Content-Security-Policy forbids.
 */
export interface SpecProperty {
  type?: string | string[];
  title?: string;
  description?: string;
  enum?: unknown[];
  default?: unknown;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  'x-secret'?: boolean;
}

interface Conditional {
  if?: { properties?: Record<string, { const?: unknown }> };
  then?: { required?: string[] };
}

export interface ConnectionSpec {
  properties?: Record<string, SpecProperty>;
  required?: string[];
  allOf?: Conditional[];
  oneOf?: { required?: string[] }[];
}

export type SettingKind = 'secret' | 'url' | 'choice' | 'boolean' | 'integer' | 'number' | 'text';

export interface SettingField {
  name: string;
  label: string;
  kind: SettingKind;
  property: SpecProperty;
}

/** Form values: text as typed (numbers too), booleans as booleans; absent = left empty. */
export type SettingValues = Record<string, string | boolean | undefined>;

const HTTPS = /^https:\/\//i;

export function isUrlSetting(property: SpecProperty): boolean {
  return property.format === 'uri' || property.pattern?.startsWith('^https://') === true;
}

function kindOf(property: SpecProperty): SettingKind {
  if (property['x-secret']) return 'secret';
  if (isUrlSetting(property)) return 'url';
  if (Array.isArray(property.enum)) return 'choice';
  const type = Array.isArray(property.type) ? property.type.find((t) => t !== 'null') : property.type;
  if (type === 'boolean' || type === 'integer' || type === 'number') return type;
  return 'text';
}

const ACRONYMS: Record<string, string> = { url: 'URL', api: 'API', jwt: 'JWT', id: 'ID', pem: 'PEM', ms: '(ms)' };

/** `pollIntervalMs` → "Poll interval (ms)", `loginUrl` → "Login URL": a label for settings without a title. */
export function labelOf(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(' ')
    .map((w) => ACRONYMS[w] ?? w);
  const first = words[0] ?? '';
  return [first.charAt(0).toUpperCase() + first.slice(1), ...words.slice(1)].join(' ');
}

/** A setting with a default that no rule requires (URLs aside: where to connect always shows): it goes under "Advanced". */
export function isAdvanced(field: SettingField, spec: ConnectionSpec): boolean {
  if (field.kind === 'url') return false;
  const ruled = new Set([...(spec.required ?? []), ...(spec.allOf ?? []).flatMap((r) => [...(r.then?.required ?? []), ...Object.keys(r.if?.properties ?? {})]), ...alternatives(spec).flat()]);
  return field.property.default !== undefined && !ruled.has(field.name);
}

export function settingFields(spec: ConnectionSpec): SettingField[] {
  return Object.entries(spec.properties ?? {}).map(([name, property]) => ({ name, label: property.title ?? labelOf(name), kind: kindOf(property), property }));
}

/** Required settings for the values given: the spec's `required` and each `allOf` `if {const} then {required}` that holds. */
export function requiredSettings(spec: ConnectionSpec, values: SettingValues): Set<string> {
  const required = new Set(spec.required ?? []);
  for (const rule of spec.allOf ?? []) {
    const conditions = Object.entries(rule.if?.properties ?? {});
    const holds = conditions.length > 0 && conditions.every(([name, c]) => 'const' in c && values[name] === c.const);
    if (holds) for (const name of rule.then?.required ?? []) required.add(name);
  }
  return required;
}

/** The `oneOf` alternatives (sets of settings, one of which must be given), for a hint. */
export function alternatives(spec: ConnectionSpec): string[][] {
  return (spec.oneOf ?? []).map((o) => o.required ?? []).filter((r) => r.length > 0);
}

/** What is wrong with a value as typed (undefined: nothing the console can tell). */
export function checkSetting(field: SettingField, value: string | boolean | undefined): string | undefined {
  if (value === undefined || value === '' || typeof value === 'boolean') return undefined;
  const p = field.property;
  if (field.kind === 'url' && !HTTPS.test(value)) return 'must be an https:// URL (the hub refuses http:// and other schemes)';
  if (field.kind === 'integer' || field.kind === 'number') {
    const n = Number(value);
    if (!Number.isFinite(n) || (field.kind === 'integer' && !Number.isInteger(n))) return `must be ${field.kind === 'integer' ? 'a whole number' : 'a number'}`;
    if (p.minimum !== undefined && n < p.minimum) return `must be at least ${p.minimum}`;
    if (p.exclusiveMinimum !== undefined && n <= p.exclusiveMinimum) return `must be more than ${p.exclusiveMinimum}`;
    if (p.maximum !== undefined && n > p.maximum) return `must be at most ${p.maximum}`;
    return undefined;
  }
  if (p.pattern && field.kind !== 'url' && !new RegExp(p.pattern, 'u').test(value)) return `does not have the expected form (${p.pattern})`;
  return undefined;
}

/**
 * The `config` to send. Creating: the settings given. Editing: changed settings only, `null` for
 * one that was emptied (the hub removes it), secrets only when a new value was typed.
 */
export function configToSend(fields: SettingField[], values: SettingValues, stored?: Record<string, unknown>): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    const typed = value === undefined || value === '' ? undefined : field.kind === 'integer' || field.kind === 'number' ? Number(value) : value;
    if (!stored) {
      if (typed !== undefined) config[field.name] = typed;
      continue;
    }
    if (field.kind === 'secret') {
      if (typed !== undefined) config[field.name] = typed;
    } else if (typed === undefined) {
      if (stored[field.name] !== undefined) config[field.name] = null;
    } else if (typed !== stored[field.name]) {
      config[field.name] = typed;
    }
  }
  return config;
}

/** Form values of stored settings (secrets are never returned: they start empty). */
export function valuesOf(config: Record<string, unknown>): SettingValues {
  const values: SettingValues = {};
  for (const [name, value] of Object.entries(config)) {
    if (typeof value === 'boolean') values[name] = value;
    else if (value !== null && value !== undefined) values[name] = String(value);
  }
  return values;
}
