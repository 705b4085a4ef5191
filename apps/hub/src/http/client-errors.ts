import type { Server } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/** Why Node's HTTP parser gave up on a request, in the words the problem document uses. */
const REASONS: Record<string, { status: number; detail: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, detail: 'The request headers are larger than the hub accepts (16 KiB in all)' },
  HPE_INVALID_METHOD: { status: 400, detail: 'The request method is not an HTTP method the hub knows' },
  HPE_INVALID_CONTENT_LENGTH: { status: 400, detail: 'The Content-Length header is not a single whole number' },
  HPE_UNEXPECTED_CONTENT_LENGTH: { status: 400, detail: 'Content-Length and Transfer-Encoding must not both be sent' },
  HPE_INVALID_TRANSFER_ENCODING: { status: 400, detail: 'The Transfer-Encoding header is not valid' },
  HPE_INVALID_CHUNK_SIZE: { status: 400, detail: 'A chunk of the body has an invalid size' },
  HPE_INVALID_HEADER_TOKEN: { status: 400, detail: 'A request header has an invalid name or value' },
  HPE_INVALID_URL: { status: 400, detail: 'The request target is not a valid URL path' },
  HPE_INVALID_VERSION: { status: 400, detail: 'The HTTP version is not valid' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, detail: 'The request was not received completely in time' },
};

/**
 * Requests that Node's HTTP parser refuses never reach Express, and Node answers them with an empty,
 * non-problem body (`400 Bad Request`, `431`). This answers them like every other error of the hub:
 * an RFC 9457 problem document, then the connection is closed (the parser cannot resynchronise).
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // A peer that went away (ECONNRESET) or a socket already answering cannot be told anything.
    if (err.code === 'ECONNRESET' || !socket.writable || (socket as { _httpMessage?: unknown })._httpMessage) {
      socket.destroy();
      return;
    }
    socket.end(clientErrorResponse(err.code));
  });
}

/** The raw HTTP/1.1 response for a parser error code (exported for the tests). */
export function clientErrorResponse(code: string | undefined): string {
  const { status, detail } = REASONS[code ?? ''] ?? { status: 400, detail: 'The request is not valid HTTP/1.1' };
  const body = JSON.stringify({ type: 'about:blank', title: STATUS_CODES[status] ?? 'Bad Request', status, detail });
  return [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Bad Request'}`,
    'Content-Type: application/problem+json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}
