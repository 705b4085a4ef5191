import { CrmAuthError, CrmError, CrmRateLimitError, CrmTransientError, InsecureUrlError } from './errors';

describe(CrmError.name, () => {
  it('keeps the CRM code and HTTP status, and classifies retryable errors', () => {
    const auth = new CrmAuthError('refused', { code: 'invalid_grant', status: 400 });
    expect(auth).toMatchObject({ name: 'CrmAuthError', code: 'invalid_grant', status: 400, retryable: false });
    expect(new CrmTransientError('503').retryable).toBe(true);
    expect(new CrmRateLimitError('429', { retryAfterMs: 30_000 })).toMatchObject({ retryable: true, retryAfterMs: 30_000 });
  });

  it('answers instanceof for errors made by another copy of the SDK', () => {
    let foreign: unknown;
    jest.isolateModules(() => {
      // A second module instance stands for the copy a drop-in plugin brings with it.
      const copy = require('./errors') as typeof import('./errors');
      foreign = new copy.CrmRateLimitError('slow down', { retryAfterMs: 1000 });
      expect(copy.CrmRateLimitError).not.toBe(CrmRateLimitError);
    });
    expect(foreign).toBeInstanceOf(CrmRateLimitError);
    expect(foreign).toBeInstanceOf(CrmError);
    expect(foreign).not.toBeInstanceOf(CrmAuthError);
    expect(new Error('plain')).not.toBeInstanceOf(CrmError);
  });

  it('lets vendors subclass an error without a kind of their own', () => {
    class TokenExpired extends CrmAuthError {}
    const err = new TokenExpired('expired');
    expect(err).toBeInstanceOf(TokenExpired);
    expect(err).toBeInstanceOf(CrmAuthError);
    expect(new CrmAuthError('other')).not.toBeInstanceOf(TokenExpired);
  });

  it('never shows credentials, query or fragment of a refused URL', () => {
    const err = new InsecureUrlError('http://user:hunter2@crm.example.com/path?token=abc#x', 'instanceUrl');
    expect(err.message).toContain('http://crm.example.com/path');
    expect(err.message).toContain("'instanceUrl'");
    expect(err.message).not.toMatch(/hunter2|token=abc|user/);
    expect(err.url).toBe('http://crm.example.com/path');
  });
});
