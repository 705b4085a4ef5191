import { querySyntaxError } from '../errors';

/**
 * The `$skiptoken` of `@odata.nextLink`, shaped like the service's (page-results.md):
 *
 *   <cookie pagenumber="2" pagingcookie="%3ccookie%20page%3d%221%22%3e%3caccountid%20last%3d%22%7b…%7d%22%20first%3d%22%7b…%7d%22%20%2f%3e%3c%2fcookie%3e" istracking="False" />
 *
 * The inner paging cookie records the last (and first) values of the ordering columns, so the next page
 * starts after the last row seen (keyset paging: rows changed meanwhile neither repeat nor vanish). The
 * emulator adds a few attributes of its own to the inner cookie (snapshot version, delta range, phase,
 * remaining `$top`); clients must treat the whole token as opaque, as Microsoft says.
 */
export interface CookieColumn {
  name: string;
  /** Encoded last value; undefined = null. */
  last?: string;
  first?: string;
}

export interface PagingCookie {
  pageNumber: number;
  tracking: boolean;
  columns: CookieColumn[];
  attributes: Record<string, string>;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

function xmlEscape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => XML_ESCAPES[c] ?? c);
}

function xmlUnescape(text: string): string {
  return text.replace(/&(amp|lt|gt|quot);/g, (_m, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"' })[name] ?? '');
}

/** .NET-style URL encoding (lowercase hex, %20 for spaces), as the inner cookie shows. */
function innerEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
}

function attributes(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const match of text.matchAll(/([\w-]+)="([^"]*)"/g)) result[match[1] as string] = xmlUnescape(match[2] as string);
  return result;
}

export function writePagingCookie(cookie: PagingCookie): string {
  const attrs = Object.entries({ page: String(cookie.pageNumber - 1), ...cookie.attributes })
    .map(([k, v]) => ` ${k}="${xmlEscape(v)}"`)
    .join('');
  const columns = cookie.columns
    .map((c) => {
      const last = c.last === undefined ? '' : ` last="${xmlEscape(c.last)}"`;
      const first = c.first === undefined ? '' : ` first="${xmlEscape(c.first)}"`;
      return `<${c.name}${last}${first} />`;
    })
    .join('');
  const inner = `<cookie${attrs}>${columns}</cookie>`;
  return `<cookie pagenumber="${cookie.pageNumber}" pagingcookie="${innerEncode(inner)}" istracking="${cookie.tracking ? 'True' : 'False'}" />`;
}

export function readPagingCookie(token: string): PagingCookie {
  const invalid = () => querySyntaxError('The $skiptoken value is not a valid paging cookie for this query.');
  const outer = /^<cookie\s([^>]*?)\s*\/>$/.exec(token.trim());
  if (!outer) throw invalid();
  const outerAttrs = attributes(outer[1] ?? '');
  let inner: string;
  try {
    inner = decodeURIComponent(outerAttrs['pagingcookie'] ?? '');
  } catch {
    throw invalid();
  }
  const body = /^<cookie([^>]*)>(.*)<\/cookie>$/s.exec(inner);
  const pageNumber = Number(outerAttrs['pagenumber']);
  if (!body || !Number.isInteger(pageNumber)) throw invalid();
  const innerAttrs = attributes(body[1] ?? '');
  delete innerAttrs['page'];
  const columns: CookieColumn[] = [];
  for (const element of (body[2] ?? '').matchAll(/<([\w]+)((?:\s+[\w-]+="[^"]*")*)\s*\/>/g)) {
    const attrs = attributes(element[2] ?? '');
    columns.push({ name: element[1] as string, last: attrs['last'], first: attrs['first'] });
  }
  return { pageNumber, tracking: outerAttrs['istracking'] === 'True', columns, attributes: innerAttrs };
}
