import { isRecord } from './package-json';

/** Keywords whose value is one subschema. */
const SCHEMA_VALUED = [
  'additionalProperties',
  'additionalItems',
  'unevaluatedProperties',
  'unevaluatedItems',
  'items',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
];
/** Keywords whose value maps names to subschemas. */
const SCHEMA_MAPS = ['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas', 'dependencies'];
/** Keywords whose value is a list of subschemas. */
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];

/**
 * Calls `visit` for a JSON Schema and each of its subschemas, with the keyword path leading to it
 * (`['properties', 'auth', 'properties', 'token']`). Only schema positions are visited: data such
 * as `default`, `enum` or `examples` is never mistaken for a schema.
 */
export function walkSchema(schema: unknown, visit: (node: Record<string, unknown>, path: readonly string[]) => void, path: readonly string[] = []): void {
  if (!isRecord(schema)) return;
  visit(schema, path);
  for (const keyword of SCHEMA_VALUED) walkSchema(schema[keyword], visit, [...path, keyword]);
  for (const keyword of SCHEMA_MAPS) {
    const map = schema[keyword];
    if (isRecord(map)) for (const [name, sub] of Object.entries(map)) walkSchema(sub, visit, [...path, keyword, name]);
  }
  for (const keyword of SCHEMA_LISTS) {
    const list = schema[keyword];
    if (Array.isArray(list)) list.forEach((sub, index) => walkSchema(sub, visit, [...path, keyword, String(index)]));
  }
}
