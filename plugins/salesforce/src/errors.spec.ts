import {
  CrmAuthError,
  CrmError,
  CrmNotFoundError,
  CrmQuotaExceededError,
  CrmRateLimitError,
  CrmTransientError,
} from '@crm-hub/plugin-sdk';
import { errorDetail, networkError, parseErrorBody, toCrmError } from './errors';

const rest = (errorCode: string, message = 'm'): string => JSON.stringify([{ errorCode, message, fields: [] }]);

describe(toCrmError.name, () => {
  it.each<[number, string, new (...args: never[]) => CrmError]>([
    [403, rest('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'), CrmQuotaExceededError],
    [403, rest('REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.'), CrmRateLimitError],
    [401, rest('INVALID_SESSION_ID'), CrmAuthError],
    [403, rest('INSUFFICIENT_ACCESS'), CrmAuthError],
    [404, rest('NOT_FOUND'), CrmNotFoundError],
    [400, rest('INVALID_TYPE', "sObject type 'Nope' is not supported."), CrmNotFoundError],
    [400, rest('QUERY_TIMEOUT'), CrmTransientError],
    [503, '<html>Service Unavailable</html>', CrmTransientError],
    [500, rest('UNKNOWN_EXCEPTION'), CrmTransientError],
    [429, '{"fault":"throttle"}', CrmRateLimitError],
    [400, rest('MALFORMED_QUERY'), CrmError],
  ])('maps %i %s', (status, body, kind) => {
    const error = toCrmError(status, body, 'query');
    expect(error).toBeInstanceOf(kind);
    expect(error.status).toBe(status);
  });

  it.each(['INVALID_FIELD', 'JSON_PARSER_ERROR', 'INVALID_TYPE_ON_FIELD_IN_RECORD', 'MALFORMED_QUERY'])('classifies 400 %s as a request error, not "not found"', (code) => {
    const error = toCrmError(400, rest(code), 'composite.sobjects');
    expect([error.name, error.code, error.status, error.retryable]).toEqual(['CrmError', code, 400, false]);
    expect(error).not.toBeInstanceOf(CrmNotFoundError);
  });

  it("keeps what Salesforce said, with the field an INVALID_FIELD message names", () => {
    const error = toCrmError(400, rest('INVALID_FIELD', "No such column 'Nope__c' on sobject of type Contact"), 'composite.sobjects');
    expect(errorDetail(error)).toEqual({ code: 'INVALID_FIELD', message: "No such column 'Nope__c' on sobject of type Contact", fields: ['Nope__c'] });
    expect(errorDetail(new Error('other'))).toBeUndefined();
  });

  it('keeps the Salesforce code and says which call failed', () => {
    const error = toCrmError(403, rest('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'), 'queryMore');
    expect(error.code).toBe('REQUEST_LIMIT_EXCEEDED');
    expect(error.message).toContain('to queryMore');
    expect(error.retryable).toBe(false);
  });

  it('takes the wait from Retry-After', () => {
    const error = toCrmError(429, '', 'query', { 'retry-after': '7' }) as CrmRateLimitError;
    expect(error.retryAfterMs).toBe(7000);
  });
});

describe(parseErrorBody.name, () => {
  it('reads REST arrays, OAuth objects and text', () => {
    expect(parseErrorBody(rest('INVALID_FIELD', 'No such column'))).toEqual({ code: 'INVALID_FIELD', message: 'No such column', fields: [] });
    expect(parseErrorBody('{"error":"invalid_grant","error_description":"authentication failure"}')).toEqual({
      code: 'invalid_grant',
      message: 'authentication failure',
    });
    expect(parseErrorBody('<html><body>Bad gateway</body></html>').message).toBe('an HTML page (not the Salesforce API)');
    expect(parseErrorBody('').message).toBe('no details');
  });
});

describe(networkError.name, () => {
  it('turns fetch failures into CrmTransientError with the socket error code', () => {
    const failed = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
    const error = networkError(failed, 'query') as CrmTransientError;
    expect(error).toBeInstanceOf(CrmTransientError);
    expect(error.code).toBe('ECONNRESET');
  });

  it('leaves other errors alone', () => {
    const other = new TypeError('SecureFetch needs an absolute https:// URL');
    expect(networkError(other, 'query')).toBe(other);
  });
});
