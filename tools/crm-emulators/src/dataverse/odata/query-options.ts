import { notEmulated, querySyntaxError, skipNotSupported } from '../errors';

/**
 * System query options of a request, read from the raw query string (a `+` stays a plus: OData literals
 * such as `+01:00` offsets must not turn into spaces).
 */
export interface QueryOptions {
  select?: string[];
  filter?: string;
  orderby?: { property: string; descending: boolean }[];
  top?: number;
  count: boolean;
  expand?: string;
  skiptoken?: string;
  deltatoken?: string;
  /** Every parameter as received, decoded, in order. */
  params: [string, string][];
}

const SUPPORTED = new Set(['$select', '$filter', '$orderby', '$top', '$count', '$expand', '$skiptoken', '$deltatoken', '$format']);
const NOT_EMULATED: Record<string, string> = {
  $apply: '$apply (aggregation)',
  $search: '$search',
  fetchXml: 'FetchXML queries',
  savedQuery: 'saved queries',
  userQuery: 'user queries',
};

export function parseQueryString(search: string): [string, string][] {
  const query = search.startsWith('?') ? search.slice(1) : search;
  if (!query) return [];
  return query.split('&').filter(Boolean).map((pair) => {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    const value = eq < 0 ? '' : pair.slice(eq + 1);
    return [safeDecode(key), safeDecode(value)];
  });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw querySyntaxError(`The query string contains an invalid escape sequence: '${text}'.`);
  }
}

export function readQueryOptions(search: string): QueryOptions {
  const params = parseQueryString(search);
  const seen = new Set<string>();
  const options: QueryOptions = { count: false, params };
  for (const [key, value] of params) {
    if (key === '$skip') throw skipNotSupported();
    if (NOT_EMULATED[key]) throw notEmulated(NOT_EMULATED[key]);
    if (!key.startsWith('$')) continue;
    if (!SUPPORTED.has(key)) throw querySyntaxError(`The query parameter '${key}' is not supported.`);
    if (seen.has(key)) throw querySyntaxError(`Query option '${key}' was specified more than once, but it must be specified at most once.`);
    seen.add(key);
    switch (key) {
      case '$select':
        options.select = value.split(',').map((s) => s.trim()).filter(Boolean);
        break;
      case '$filter':
        options.filter = value;
        break;
      case '$orderby':
        options.orderby = parseOrderBy(value);
        break;
      case '$top': {
        const top = Number(value);
        if (!/^\d+$/.test(value.trim()) || top < 0) throw querySyntaxError(`Invalid value '${value}' for $top query option found. The $top query option requires a non-negative integer value.`);
        options.top = top;
        break;
      }
      case '$count':
        if (value !== 'true' && value !== 'false') throw querySyntaxError(`'${value}' is not a valid count option.`);
        options.count = value === 'true';
        break;
      case '$expand':
        options.expand = value;
        break;
      case '$skiptoken':
        options.skiptoken = value;
        break;
      case '$deltatoken':
        options.deltatoken = value;
        break;
      case '$format':
        if (!/json/i.test(value)) throw querySyntaxError(`The format '${value}' is not supported.`);
        break;
    }
  }
  return options;
}

function parseOrderBy(value: string): { property: string; descending: boolean }[] {
  return value.split(',').map((clause) => {
    const [property = '', direction = 'asc', ...extra] = clause.trim().split(/\s+/);
    if (!property || extra.length > 0 || !['asc', 'desc'].includes(direction)) {
      throw querySyntaxError(`Syntax error at position ${value.indexOf(clause)} in '${value}'.`);
    }
    return { property, descending: direction === 'desc' };
  });
}

/** Rebuilds a query string (for next and delta links), encoding values the way the service does. */
export function buildQueryString(params: [string, string][]): string {
  if (params.length === 0) return '';
  return '?' + params.map(([k, v]) => `${k}=${k === '$deltatoken' ? encodeDeltaToken(v) : encodeQueryValue(v)}`).join('&');
}

/** Delta tokens appear fully encoded in lower-case hex: `919042%2108%2f22%2f2017%2008%3a10%3a44`. */
function encodeDeltaToken(value: string): string {
  return encodeURIComponent(value)
    .replace(/!/g, '%21')
    .replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
}

function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(/%2C/g, ',').replace(/%24/g, '$').replace(/%3D/g, '=').replace(/%2F/g, '/').replace(/%20/g, '%20');
}
