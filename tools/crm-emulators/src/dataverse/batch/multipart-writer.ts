import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { ApiResponse } from '../routes/api-types';

export interface ResponsePart {
  response: ApiResponse;
  contentId?: string;
}

export type BatchResponseItem = { kind: 'operation'; part: ResponsePart } | { kind: 'changeset'; parts: ResponsePart[] };

const CRLF = '\r\n';

function httpMessage(part: ResponsePart): string {
  const { response } = part;
  const lines = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
  if (part.contentId !== undefined) lines.push(`Content-ID: ${part.contentId}`);
  lines.push('', `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`);
  for (const [name, value] of Object.entries(response.headers)) {
    for (const v of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${v}`);
  }
  lines.push('');
  const body = response.body === undefined ? '' : typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
  lines.push(body);
  return lines.join(CRLF);
}

/**
 * Writes a batch response the way the service does (execute-batch-operations-using-web-api.md):
 * `--batchresponse_<guid>` parts, change sets as nested `changesetresponse_<guid>` multiparts with the
 * operations' Content-IDs, CRLF line ends.
 */
export function writeBatchResponse(items: BatchResponseItem[]): { contentType: string; body: string } {
  const boundary = `batchresponse_${randomUUID()}`;
  const chunks: string[] = [];
  for (const item of items) {
    chunks.push(`--${boundary}`);
    if (item.kind === 'operation') {
      chunks.push(httpMessage(item.part));
      continue;
    }
    const changeset = `changesetresponse_${randomUUID()}`;
    chunks.push(`Content-Type: multipart/mixed; boundary=${changeset}`, '');
    for (const part of item.parts) chunks.push(`--${changeset}`, httpMessage(part));
    chunks.push(`--${changeset}--`);
  }
  chunks.push(`--${boundary}--`, '');
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: chunks.join(CRLF) };
}
