import { randomUUID } from 'node:crypto';

/** One operation of a `$batch`: method, URL relative to the service root, headers and JSON body. */
export interface BatchOperation {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the Web API service root, e.g. `contacts(00000000-…)`, already percent-encoded. */
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

/** One operation's answer, in request order. Header names are lower-case. */
export interface BatchPartResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Writes a `multipart/mixed` `$batch` body with every operation as its own part (no change set,
 * so `Prefer: odata.continue-on-error` lets the others go on when one fails, and each result
 * comes back in order). Request lines use the service-root path (`POST /api/data/v9.2/contacts
 * HTTP/1.1`), as Microsoft's examples do; lines end with CRLF as MIME requires.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api
 *
 * @example
 * ```ts
 * const { boundary, body } = writeBatch('/api/data/v9.2/', [{ method: 'DELETE', url: 'contacts(…)' }]);
 * // POST $batch with content-type `multipart/mixed; boundary=${boundary}`
 * ```
 */
export function writeBatch(servicePath: string, operations: readonly BatchOperation[], boundary = `batch_${randomUUID()}`): {
  boundary: string;
  body: string;
} {
  const lines: string[] = [];
  operations.forEach((op, i) => {
    lines.push(`--${boundary}`, 'Content-Type: application/http', 'Content-Transfer-Encoding: binary', `Content-ID: ${i + 1}`, '');
    lines.push(`${op.method} ${servicePath}${op.url} HTTP/1.1`);
    const headers: Record<string, string> = { ...(op.body !== undefined ? { 'Content-Type': 'application/json; type=entry' } : {}), ...op.headers };
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    lines.push('', op.body ?? '');
  });
  lines.push(`--${boundary}--`, '');
  return { boundary, body: lines.join('\r\n') };
}

/**
 * Reads a `$batch` response body into one {@link BatchPartResponse} per operation, in order;
 * change-set parts (nested `multipart/mixed`) are flattened. Accepts CRLF or bare LF line ends.
 * Throws when the content type has no boundary.
 *
 * @example
 * ```ts
 * const parts = parseBatchResponse(res.headers.get('content-type')!, res.text);
 * parts[0].status; // 204
 * ```
 */
export function parseBatchResponse(contentType: string, body: string): BatchPartResponse[] {
  const boundary = boundaryOf(contentType);
  if (!boundary) throw new Error(`The $batch response has no multipart boundary (content-type: ${contentType})`);
  const parts: BatchPartResponse[] = [];
  for (const part of splitParts(body, boundary)) {
    const { headers, content } = splitHead(part);
    const type = headers['content-type'] ?? '';
    if (/^multipart\/mixed/i.test(type)) parts.push(...parseBatchResponse(type, content));
    else parts.push(parseHttpMessage(content));
  }
  return parts;
}

function boundaryOf(contentType: string): string | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

function splitParts(body: string, boundary: string): string[] {
  const text = body.replace(/\r\n/g, '\n');
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  let index = text.indexOf(delimiter);
  while (index >= 0) {
    const start = index + delimiter.length;
    if (text.startsWith('--', start)) break; // closing delimiter
    const next = text.indexOf(`\n${delimiter}`, start);
    const end = next < 0 ? text.length : next;
    parts.push(text.slice(text.indexOf('\n', start) + 1, end));
    index = next < 0 ? -1 : next + 1;
  }
  return parts;
}

/** Splits MIME headers from the content after the first blank line. */
function splitHead(block: string): { headers: Record<string, string>; content: string } {
  const blank = block.indexOf('\n\n');
  const head = blank < 0 ? block : block.slice(0, blank);
  const content = blank < 0 ? '' : block.slice(blank + 2);
  const headers: Record<string, string> = {};
  for (const line of head.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, content };
}

/** `HTTP/1.1 204 No Content` + headers + body. */
function parseHttpMessage(message: string): BatchPartResponse {
  const trimmed = message.replace(/^\n+/, '');
  const lineEnd = trimmed.indexOf('\n');
  const statusLine = lineEnd < 0 ? trimmed : trimmed.slice(0, lineEnd);
  const status = Number(/^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(statusLine)?.[1] ?? NaN);
  if (!Number.isInteger(status)) throw new Error(`A $batch part has no HTTP status line: ${statusLine.slice(0, 80)}`);
  const { headers, content } = splitHead(lineEnd < 0 ? '' : trimmed.slice(lineEnd + 1));
  return { status, headers, body: content.trim() };
}
