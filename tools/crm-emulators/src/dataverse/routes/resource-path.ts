import { querySyntaxError, segmentNotFound } from '../errors';
import { normalizeGuid } from '../store/row-types';

/** A key predicate: `(<guid>)` or alternate key values `(code='A-1',wh='B')`. */
export type KeyPredicate = { kind: 'id'; id: string } | { kind: 'alternate'; values: Record<string, string | number> };

export interface PathSegment {
  name: string;
  key?: KeyPredicate;
}

/** Splits a path on `/` outside quotes and reads `name(key)` segments. */
export function parseResourcePath(path: string): PathSegment[] {
  const decoded = decodePath(path);
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of decoded) {
    if (ch === "'") quoted = !quoted;
    if (ch === '/' && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.filter((p) => p !== '').map(parseSegment);
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    throw segmentNotFound(path);
  }
}

function parseSegment(text: string): PathSegment {
  const open = text.indexOf('(');
  if (open < 0) return { name: text };
  if (!text.endsWith(')')) throw segmentNotFound(text);
  const name = text.slice(0, open);
  const inner = text.slice(open + 1, -1);
  if (inner === '') return { name };
  return { name, key: parseKey(inner) };
}

export function parseKey(inner: string): KeyPredicate {
  const id = normalizeGuid(inner);
  if (id) return { kind: 'id', id };
  const values: Record<string, string | number> = {};
  const pattern = /\s*([A-Za-z_][\w]*)\s*=\s*('(?:[^']|'')*'|[^,]+)\s*(?:,|$)/gy;
  let consumed = 0;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(inner))) {
    const raw = (match[2] as string).trim();
    values[match[1] as string] = raw.startsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : Number.isNaN(Number(raw)) ? raw : Number(raw);
    consumed = pattern.lastIndex;
    if (consumed >= inner.length) break;
  }
  if (consumed < inner.length || Object.keys(values).length === 0) {
    throw querySyntaxError(`Bad Request - Error in query syntax. The key '(${inner})' is not a valid key.`);
  }
  return { kind: 'alternate', values };
}
