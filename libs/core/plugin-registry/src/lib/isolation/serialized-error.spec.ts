import {
  CheckpointExpiredError,
  CrmAuthError,
  CrmError,
  CrmNotFoundError,
  CrmQuotaExceededError,
  CrmRateLimitError,
  CrmTransientError,
  InsecureUrlError,
  InvalidFilterError,
  UnsupportedFilterError,
} from '@crm-hub/plugin-sdk';
import { deserializeError, serializeError } from './serialized-error';

/** As the error crosses the boundary: serialized, structured-cloned, re-created. */
const crossed = (error: unknown) => deserializeError(structuredClone(serializeError(error)));

describe('serializeError / deserializeError', () => {
  it.each([
    ['CrmAuthError', new CrmAuthError('invalid_grant', { code: 'invalid_grant', status: 400 }), CrmAuthError],
    ['CrmQuotaExceededError', new CrmQuotaExceededError('daily limit', { code: 'REQUEST_LIMIT_EXCEEDED', status: 403 }), CrmQuotaExceededError],
    ['CrmTransientError', new CrmTransientError('502 from the CRM', { status: 502 }), CrmTransientError],
    ['CrmNotFoundError', new CrmNotFoundError("no object 'Invoice__c'", { code: 'NOT_FOUND', status: 404 }), CrmNotFoundError],
    ['CheckpointExpiredError', new CheckpointExpiredError('delta token expired'), CheckpointExpiredError],
  ])('re-creates a %s as that SDK class, with its code, status and retryability', (_name, error, Class) => {
    const back = crossed(error);

    expect(back).toBeInstanceOf(Class);
    expect(back).toBeInstanceOf(CrmError);
    expect(back).toMatchObject({ name: error.name, message: error.message, code: error.code, status: error.status, retryable: error.retryable });
    expect((back as CrmError).kinds).toEqual(error.kinds);
  });

  it('keeps the fields of the classes that carry more', () => {
    const limit = crossed(new CrmRateLimitError('slow down', { retryAfterMs: 1500, status: 429 }));
    const unsupported = crossed(new UnsupportedFilterError('no contains on Amount', { node: { field: 'Amount', op: 'contains', value: '1' }, path: 'and[0]' }));
    const invalid = crossed(new InvalidFilterError('empty and', { problems: [{ path: 'and', message: 'must not be empty' }] }));
    const insecure = crossed(new InsecureUrlError('http://user:pw@crm.example.com/x?token=1', 'instanceUrl'));

    expect(limit).toBeInstanceOf(CrmRateLimitError);
    expect(limit).toMatchObject({ retryAfterMs: 1500, retryable: true });
    expect(unsupported).toMatchObject({ node: { field: 'Amount', op: 'contains', value: '1' }, path: 'and[0]' });
    expect(invalid).toMatchObject({ problems: [{ path: 'and', message: 'must not be empty' }] });
    expect(insecure).toBeInstanceOf(InsecureUrlError);
    expect(insecure).toMatchObject({ url: 'http://crm.example.com/x', setting: 'instanceUrl', message: expect.stringContaining("Refused http://crm.example.com/x (setting 'instanceUrl')") });
  });

  it("keeps a vendor's subclass recognisable by the SDK class it extends", () => {
    class AcmeThrottleError extends CrmRateLimitError {
      static override readonly kind: string = 'AcmeThrottleError';
    }

    const back = crossed(new AcmeThrottleError('acme busy', { retryAfterMs: 10 }));

    expect(back).toBeInstanceOf(CrmRateLimitError);
    expect(back).toMatchObject({ name: 'AcmeThrottleError', kinds: ['AcmeThrottleError', 'CrmRateLimitError', 'CrmError'], retryAfterMs: 10 });
  });

  it('keeps the codes of the cause chain, which hosts classify network failures by', () => {
    const failure = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' }) });

    const back = crossed(failure);

    expect(back).toBeInstanceOf(TypeError);
    expect(back.message).toBe('fetch failed');
    expect(back.cause).toMatchObject({ message: 'connect ECONNREFUSED 10.0.0.1:443', code: 'ECONNREFUSED' });
  });

  it('turns anything thrown into an Error, without its stack', () => {
    expect(crossed('just a string')).toMatchObject({ name: 'Error', message: 'just a string' });
    expect(crossed(Object.assign(new Error('aborted'), { name: 'AbortError' }))).toMatchObject({ name: 'AbortError', message: 'aborted' });
    expect(serializeError(new Error('x'))).not.toHaveProperty('stack');
  });
});
