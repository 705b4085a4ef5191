import { CrmAuthError, CrmRateLimitError, InsecureUrlError } from '@crm-hub/plugin-sdk';
import { describeFailure } from './describe-failure';

describe(describeFailure.name, () => {
  it('says what to do for each kind of failure', () => {
    expect(describeFailure(new CrmAuthError('invalid_client'))).toBe('The CRM refused the credentials: invalid_client');
    expect(describeFailure(new CrmRateLimitError('busy', { retryAfterMs: 1500 }))).toMatch(/retry in 2 s/);
    expect(describeFailure(new InsecureUrlError('http://crm.example.com', 'loginUrl'))).toMatch(/https:\/\/ only/);
  });

  it('explains network and certificate failures found in the error causes', () => {
    const tls = Object.assign(new TypeError('fetch failed'), { cause: { code: 'SELF_SIGNED_CERT_IN_CHAIN' } });
    expect(describeFailure(tls)).toMatch(/not trusted: add its CA with NODE_EXTRA_CA_CERTS/);
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    expect(describeFailure(refused)).toMatch(/connection was refused/);
  });
});
