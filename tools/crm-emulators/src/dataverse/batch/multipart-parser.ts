import { DataverseError } from '../errors';

/** One HTTP request inside a `$batch` body. */
export interface BatchOperation {
  contentId?: string;
  method: string;
  url: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
}

export type BatchPart = { kind: 'operation'; operation: BatchOperation } | { kind: 'changeset'; operations: BatchOperation[] };

function badBatch(message: string): DataverseError {
  return new DataverseError(400, '0x80060888', message);
}

/** The boundary parameter of a `multipart/mixed` Content-Type (quoted or not). */
export function boundaryOf(contentType: string | undefined): string {
  const match = /^\s*multipart\/mixed\s*;(?:.*;)?\s*boundary=("?)([^";]+)\1/i.exec(contentType ?? '');
  if (!match) throw badBatch("The content type of a $batch request must be 'multipart/mixed' with a boundary.");
  return match[2] as string;
}

function readHeaders(lines: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** Splits at the first blank line: [header lines, rest]. */
function splitHead(text: string): [string[], string] {
  const match = /\n\s*\n/.exec(text);
  if (!match) return [text.split('\n').filter((l) => l.trim() !== ''), ''];
  return [text.slice(0, match.index).split('\n'), text.slice(match.index + match[0].length)];
}

/** The parts between `--boundary` delimiters, up to the closing `--boundary--`. */
function splitParts(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const chunks = body.split(delimiter);
  const parts: string[] = [];
  for (const chunk of chunks.slice(1)) {
    if (chunk.startsWith('--')) return parts;
    parts.push(chunk.replace(/^[ \t]*\n/, ''));
  }
  throw badBatch(`The $batch body does not end with the closing delimiter '${delimiter}--'.`);
}

function readOperation(partHeaders: Record<string, string>, content: string): BatchOperation {
  const [head, body] = splitHead(content.replace(/^\s*\n/, ''));
  const [requestLine = '', ...headerLines] = head;
  const match = /^([A-Z]+)\s+(\S+)(?:\s+HTTP\/\d(?:\.\d)?)?\s*$/.exec(requestLine.trim());
  if (!match) throw badBatch(`Invalid request line in $batch: '${requestLine.trim()}'.`);
  const headers = readHeaders(headerLines);
  return {
    contentId: partHeaders['content-id'] ?? headers['content-id'],
    method: match[1] as string,
    url: match[2] as string,
    headers,
    body: body.replace(/\s+$/, ''),
  };
}

/**
 * Parses a `multipart/mixed` batch body (execute-batch-operations-using-web-api.md, OData 4.0 §11.7):
 * application/http parts and change sets (nested multipart/mixed with their own boundary). Line ends
 * may be CRLF (as the spec says) or LF.
 */
export function parseBatch(rawBody: string, boundary: string): BatchPart[] {
  const body = rawBody.replace(/\r\n/g, '\n');
  return splitParts(body, boundary).map((part) => {
    const [headerLines, content] = splitHead(part);
    const headers = readHeaders(headerLines);
    const type = headers['content-type'] ?? '';
    if (/^multipart\/mixed/i.test(type)) {
      const inner = boundaryOf(type);
      const operations = splitParts(content, inner).map((p) => {
        const [innerHeaderLines, innerContent] = splitHead(p);
        const innerHeaders = readHeaders(innerHeaderLines);
        if (/^multipart\//i.test(innerHeaders['content-type'] ?? '')) throw badBatch('Change sets cannot be nested.');
        return readOperation(innerHeaders, innerContent);
      });
      return { kind: 'changeset' as const, operations };
    }
    if (!/^application\/http/i.test(type)) throw badBatch(`Unsupported content type '${type}' in $batch part.`);
    return { kind: 'operation' as const, operation: readOperation(headers, content) };
  });
}
