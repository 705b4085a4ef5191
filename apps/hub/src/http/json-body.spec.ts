import { HttpException } from '@nestjs/common';
import { toHttpError } from './json-body';

const status = (err: unknown) => (err instanceof HttpException ? err.getStatus() : 'not an HttpException');

describe(toHttpError.name, () => {
  const plain = { headers: {} };
  const gzip = { headers: { 'content-encoding': 'gzip' } };

  it('turns every 4xx of the body parser into an HttpException with its status', () => {
    expect(status(toHttpError({ status: 400, type: 'entity.parse.failed', message: 'Unexpected token' }, plain))).toBe(400);
    expect(status(toHttpError({ status: 413, type: 'entity.too.large' }, plain))).toBe(413);
    expect(status(toHttpError({ status: 415, type: 'encoding.unsupported' }, { headers: { 'content-encoding': 'compress' } }))).toBe(415);
    expect(status(toHttpError({ status: 415, type: 'charset.unsupported', message: 'unsupported charset "LATIN1"' }, plain))).toBe(415);
    expect(status(toHttpError({ status: 400, type: 'request.size.invalid' }, plain))).toBe(400);
  });

  it('explains a body that is not what its Content-Encoding says (zlib errors have no type)', () => {
    const err = toHttpError({ status: 400, code: 'Z_DATA_ERROR', message: 'incorrect header check' }, gzip) as HttpException;
    expect(err.getStatus()).toBe(400);
    expect(err.message).toBe('The request body is not valid gzip data, although Content-Encoding says so');
  });

  it('leaves other errors to the problem filter', () => {
    const boom = new Error('boom');
    expect(toHttpError(boom as never, plain)).toBe(boom);
    expect(toHttpError({ status: 500, message: 'x' }, plain)).toEqual({ status: 500, message: 'x' });
  });
});
