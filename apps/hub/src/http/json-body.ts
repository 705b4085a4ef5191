import { BadRequestException, HttpException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type NextFunction, type Request, type Response, json } from 'express';

/** The largest request body the hub reads (after decompression); larger ones get 413. */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;
const LIMIT_TEXT = '1 MiB';

/** Media types read as JSON: `application/json` and the `+json` family (e.g. merge-patch+json). */
export const JSON_MEDIA_TYPES = ['application/json', 'application/*+json'];

/** What body-parser (and raw-body, zlib under it) hands to `next(err)`. */
interface ParserError {
  type?: string;
  status?: number;
  code?: string;
  message?: string;
  encoding?: string;
}

/**
 * JSON request bodies. Every parser failure becomes a 4xx that says what is wrong with the body:
 * body-parser marks its own errors with a 4xx `status` but leaves some without a `type` (a gzip
 * header over a plain body, a Content-Length that does not match), and Nest answers any error
 * that is not an HttpException with 500.
 */
export function useJsonBodies(app: NestExpressApplication): void {
  // Compressed bodies (gzip, deflate, br) stay accepted; the limit applies to the inflated size.
  app.use(json({ limit: JSON_BODY_LIMIT_BYTES, type: JSON_MEDIA_TYPES }));
  app.use((err: ParserError, req: Request, _res: Response, next: NextFunction) => next(toHttpError(err, req)));
  app.use(refuseOtherBodies);
}

/** Maps a body-parser error to the HttpException the problem+json filter renders. */
export function toHttpError(err: ParserError | undefined, req: Pick<Request, 'headers'>): unknown {
  if (err instanceof HttpException || typeof err?.status !== 'number' || err.status < 400 || err.status >= 500) return err;
  const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
  switch (err.type) {
    case 'entity.parse.failed':
      return new BadRequestException(`The request body is not valid JSON (${err.message})`);
    case 'entity.too.large':
      return new PayloadTooLargeException(`The request body is larger than ${LIMIT_TEXT}`);
    case 'charset.unsupported':
      return new UnsupportedMediaTypeException(`Send JSON bodies as UTF-8 (${err.message})`);
    case 'encoding.unsupported':
      return new UnsupportedMediaTypeException(
        `Content-Encoding '${encoding}' is not supported: send the body uncompressed, or as gzip, deflate or br`,
      );
    case 'request.size.invalid':
      return new BadRequestException('The request body is not as long as its Content-Length header says');
    case 'request.aborted':
      return new BadRequestException('The request body was cut off before its end');
    default:
      // zlib's own errors (Z_DATA_ERROR, ERR_BROTLI_…) carry no body-parser type.
      if (encoding !== 'identity') {
        return new BadRequestException(`The request body is not valid ${encoding} data, although Content-Encoding says so`);
      }
      return new BadRequestException(`The request body could not be read (${err.message ?? 'unknown reason'})`);
  }
}

/**
 * A body the hub would not read is refused rather than ignored: every route takes JSON (or no
 * body), and a form or text body silently dropped would look like an empty request.
 */
function refuseOtherBodies(req: Request, _res: Response, next: NextFunction): void {
  const length = req.headers['content-length'];
  const type = req.headers['content-type'];
  // A chunked request without a Content-Type is how some clients send "no body" to POST …/check.
  const hasBody = (length !== undefined && length !== '0') || (req.headers['transfer-encoding'] !== undefined && type !== undefined);
  if (hasBody && req.body === undefined && !req.is(JSON_MEDIA_TYPES)) {
    return next(
      new UnsupportedMediaTypeException(
        type ? `The hub reads JSON bodies only (got Content-Type '${type.slice(0, 100)}')` : 'Send the body with Content-Type: application/json',
      ),
    );
  }
  next();
}
