import { CrmAuthError, CrmRateLimitError, CrmTransientError, InsecureUrlError } from '@crm-hub/plugin-sdk';
import { describeFailure, withoutAddresses } from './describe-failure';

/** A failure as Node's fetch (undici) reports it: "fetch failed" with the socket error as cause. */
function fetchFailure(code: string, message: string): TypeError {
  return Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(message), { code, address: '10.20.30.40', port: 8443 }) });
}

describe(describeFailure.name, () => {
  it('says what to do for each kind of CRM failure', () => {
    expect(describeFailure(new CrmAuthError('invalid_client'))).toBe('The CRM refused the credentials: invalid_client');
    expect(describeFailure(new CrmRateLimitError('busy', { retryAfterMs: 1500 }))).toMatch(/retry in 2 s/);
    expect(describeFailure(new InsecureUrlError('http://crm.example.com', 'loginUrl'))).toMatch(/https:\/\/ only/);
  });

  it.each([
    ['ECONNREFUSED', 'connect ECONNREFUSED 10.20.30.40:8443', /^Cannot reach the CRM: could not connect to the CRM host \(connection refused\)/],
    ['ENOTFOUND', 'getaddrinfo ENOTFOUND crm.internal.corp', /^Cannot reach the CRM: DNS name not found/],
    ['ETIMEDOUT', 'connect ETIMEDOUT 10.20.30.40:8443', /timed out/],
    ['UND_ERR_CONNECT_TIMEOUT', 'Connect Timeout Error (attempted address: 10.20.30.40:8443, timeout: 10000ms)', /timed out/],
    ['ECONNRESET', 'read ECONNRESET', /closed unexpectedly/],
    ['EHOSTUNREACH', 'connect EHOSTUNREACH 10.20.30.40:8443', /no route/],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain', /TLS certificate not trusted: .*NODE_EXTRA_CA_CERTS/],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate', /TLS certificate not trusted/],
    ['CERT_HAS_EXPIRED', 'certificate has expired', /expired or not yet valid/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames: IP: 10.20.30.40 is not in the cert's list", /not for this host name/],
    ['EPROTO', 'write EPROTO 80F8:error:0A00010B:SSL routines:ssl3_get_record:wrong version number', /TLS handshake .* failed/],
  ])('classifies %s without the network detail', (code, message, expected) => {
    const reason = describeFailure(fetchFailure(code, message));
    expect(reason).toMatch(expected);
    expect(reason).not.toMatch(/10\.20\.30\.40|8443|internal\.corp|ECONN|EHOST|ETIMEDOUT|EPROTO|UND_ERR|altnames/);
  });

  it('classifies a network failure a plugin wrapped in CrmTransientError, and one known only by its message', () => {
    const wrapped = new CrmTransientError('Salesforce could not be reached for query: connect ECONNREFUSED 10.0.0.7:443', {
      code: 'ECONNREFUSED',
      cause: fetchFailure('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.7:443'),
    });
    expect(describeFailure(wrapped)).toMatch(/^Cannot reach the CRM: could not connect to the CRM host \(connection refused\)/);
    expect(describeFailure(new Error('request to https://crm.example.com failed, reason: self signed certificate'))).toMatch(/not trusted/);
    expect(describeFailure(new Error('socket hang up'))).toMatch(/closed unexpectedly/);
  });

  it('keeps an ordinary message, without IP addresses', () => {
    expect(describeFailure(new Error('CRM refused token xyz'))).toBe('CRM refused token xyz');
    expect(describeFailure(new CrmTransientError('502 from https://[fd00::17]:8443/api via 192.168.1.20'))).toBe(
      'The CRM did not answer properly; try again later: 502 from https://[address]/api via [address]',
    );
    expect(describeFailure(new Error('The CRM did not answer within 2000 ms'))).toBe('The CRM did not answer within 2000 ms');
  });
});

describe(withoutAddresses.name, () => {
  it('removes IPv4 and IPv6 addresses with their ports, and nothing else', () => {
    expect(withoutAddresses('connect to 10.0.0.5:443 and ::1:8443 and fe80::1ff:fe23:4567:890a and [2001:db8::5]:443')).toBe(
      'connect to [address] and [address] and [address] and [address]',
    );
    expect(withoutAddresses('at 12:30:45 version 1.2.3 of cafe:babe; Foo::Bar, [add] [cafe]')).toBe(
      'at 12:30:45 version 1.2.3 of cafe:babe; Foo::Bar, [add] [cafe]',
    );
  });
});
