import type { ObjectDefinition } from '../schema/object-definition';
import type { PropertyDefinition } from '../schema/property-types';

/** A property problem with HubSpot's error code (`PROPERTY_DOESNT_EXIST`, `INVALID_OPTION`…). */
export interface PropertyProblem {
  name: string;
  code: string;
  message: string;
}

/** Validated input: the values to store (`null` clears a property) or the problems found. */
export interface CheckedValues {
  values: Record<string, string | null>;
  problems: PropertyProblem[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EPOCH_MS = /^-?\d{10,}$/;

/**
 * Checks property values as HubSpot's object endpoints do and turns them into the stored text:
 * unknown properties (`PROPERTY_DOESNT_EXIST`), read-only ones (`READ_ONLY_VALUE`), options not
 * in an enumeration (`INVALID_OPTION`, each `;`-part of a multi-checkbox), numbers, dates
 * (`YYYY-MM-DD` or midnight UTC in epoch ms), date-times (ISO 8601 or epoch ms), booleans and
 * email addresses. An empty string or null clears the property.
 * https://developers.hubspot.com/docs/api/crm/properties#property-type-and-fieldtype-values
 */
export function checkValues(def: ObjectDefinition, input: Record<string, unknown>): CheckedValues {
  const values: Record<string, string | null> = {};
  const problems: PropertyProblem[] = [];
  for (const [name, raw] of Object.entries(input)) {
    const property = def.properties.find((p) => p.name === name);
    if (!property) {
      problems.push({ name, code: 'PROPERTY_DOESNT_EXIST', message: `Property "${name}" does not exist` });
      continue;
    }
    if (property.modificationMetadata.readOnlyValue) {
      problems.push({ name, code: 'READ_ONLY_VALUE', message: `"${name}" is a read only property; its value cannot be set.` });
      continue;
    }
    if (raw === null || raw === undefined || raw === '') {
      values[name] = null;
      continue;
    }
    const text = typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : undefined;
    const result = text === undefined ? { problem: 'INVALID_TYPE' } : normalize(property, text);
    if ('value' in result) values[name] = result.value;
    else problems.push({ name, code: result.problem, message: messageOf(result.problem, name, text ?? JSON.stringify(raw)) });
  }
  return { values, problems };
}

function normalize(property: PropertyDefinition, text: string): { value: string } | { problem: string } {
  switch (property.type) {
    case 'number':
      return DECIMAL.test(text) ? { value: trimDecimal(text) } : { problem: 'INVALID_DECIMAL' };
    case 'bool':
      return text === 'true' || text === 'false' ? { value: text } : { problem: 'INVALID_BOOLEAN' };
    case 'date': {
      if (DATE.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`))) return { value: text };
      if (EPOCH_MS.test(text) && Number(text) % 86_400_000 === 0) return { value: new Date(Number(text)).toISOString().slice(0, 10) };
      return { problem: 'INVALID_DATE' };
    }
    case 'datetime': {
      const ms = EPOCH_MS.test(text) ? Number(text) : /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : Number.NaN;
      return Number.isNaN(ms) ? { problem: 'INVALID_DATETIME' } : { value: new Date(ms).toISOString() };
    }
    case 'enumeration': {
      if (property.externalOptions) return { value: text };
      const allowed = new Set(property.options.map((o) => o.value));
      const parts = property.fieldType === 'checkbox' ? text.split(';').filter((p) => p !== '') : [text];
      return parts.every((p) => allowed.has(p)) ? { value: parts.join(';') } : { problem: 'INVALID_OPTION' };
    }
    default:
      if (property.email && !EMAIL.test(text)) return { problem: 'INVALID_EMAIL' };
      return { value: text };
  }
}

/** `19.90` → `19.9`, `20.0` → `20`: HubSpot gives numbers back without trailing zeros. */
function trimDecimal(text: string): string {
  if (!text.includes('.')) return text.replace(/^(-?)0+(?=\d)/, '$1');
  return text.replace(/^(-?)0+(?=\d)/, '$1').replace(/\.?0+$/, '');
}

function messageOf(code: string, name: string, value: string): string {
  switch (code) {
    case 'INVALID_OPTION':
      return `${value} was not one of the allowed options for ${name}`;
    case 'INVALID_EMAIL':
      return `Email address ${value} is invalid`;
    case 'INVALID_DECIMAL':
      return `${value} is not a valid decimal for ${name}`;
    case 'INVALID_DATE':
      return `${value} is not a valid date for ${name}: use YYYY-MM-DD or a UTC midnight timestamp in milliseconds`;
    case 'INVALID_DATETIME':
      return `${value} is not a valid datetime for ${name}`;
    case 'INVALID_BOOLEAN':
      return `${value} is not a valid boolean for ${name}: use true or false`;
    default:
      return `${value} is not a valid value for ${name}`;
  }
}
