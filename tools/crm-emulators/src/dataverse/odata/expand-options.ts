import { querySyntaxError } from '../errors';
import { evaluateJsonFilter } from './json-filter';
import { parseFilter } from './filter-parser';

/** One `$expand` item: `Attributes($select=LogicalName;$filter=AttributeType eq …)`. */
export interface ExpandItem {
  name: string;
  select?: string[];
  filter?: string;
}

function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const ch of text) {
    if (ch === "'") quoted = !quoted;
    if (!quoted && ch === '(') depth++;
    if (!quoted && ch === ')') depth--;
    if (ch === separator && depth === 0 && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

export function parseExpand(value: string | undefined): ExpandItem[] {
  if (!value) return [];
  return splitTopLevel(value, ',').map((item) => {
    const open = item.indexOf('(');
    if (open < 0) return { name: item };
    if (!item.endsWith(')')) throw querySyntaxError(`Syntax error in $expand: '${value}'.`);
    const expand: ExpandItem = { name: item.slice(0, open).trim() };
    for (const option of splitTopLevel(item.slice(open + 1, -1), ';')) {
      const eq = option.indexOf('=');
      const key = option.slice(0, eq).trim();
      const optionValue = option.slice(eq + 1).trim();
      if (key === '$select') expand.select = optionValue.split(',').map((s) => s.trim());
      else if (key === '$filter') expand.filter = optionValue;
      else throw querySyntaxError(`The query option '${key}' is not supported inside $expand here.`);
    }
    return expand;
  });
}

/**
 * `$select` over metadata JSON: the chosen properties plus `MetadataId` (always returned,
 * query-metadata-web-api.md) and the `@odata.type` annotation; unknown names fail like the service.
 */
export function projectJson(
  item: Record<string, unknown>,
  select: string[] | undefined,
  typeName: string,
  keep: string[] = [],
  allowed?: Set<string>,
): Record<string, unknown> {
  if (!select || select.length === 0) return item;
  const out: Record<string, unknown> = {};
  if (item['@odata.type'] !== undefined) out['@odata.type'] = item['@odata.type'];
  for (const name of select) {
    if (allowed ? !allowed.has(name) : !(name in item)) {
      throw querySyntaxError(`Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.${typeName}'.`);
    }
    if (name in item) out[name] = item[name];
  }
  for (const name of [...keep, 'MetadataId']) if (name in item) out[name] = item[name];
  return out;
}

export function filterJson<T extends Record<string, unknown>>(items: T[], filter: string | undefined): T[] {
  if (!filter) return items;
  const node = parseFilter(filter);
  return items.filter((item) => evaluateJsonFilter(node, item));
}
