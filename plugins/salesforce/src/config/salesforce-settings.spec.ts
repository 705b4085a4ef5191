import { CrmAuthError, InsecureUrlError } from '@crm-hub/plugin-sdk';
import { parseSettings } from './salesforce-settings';

const base = { authFlow: 'client-credentials', clientId: 'cid', clientSecret: 'shh-secret' };

describe(parseSettings.name, () => {
  it('applies the defaults', () => {
    expect(parseSettings(base)).toMatchObject({
      loginUrl: 'https://login.salesforce.com',
      jwtAudience: 'https://login.salesforce.com',
      apiVersion: '62.0',
      sandbox: false,
      bulkReadThreshold: 20_000,
      bulkWriteThreshold: 2_000,
      pollIntervalMs: 60_000,
      safetyLagMs: 60_000,
    });
  });

  it('signs sandboxes in at test.salesforce.com, but keeps a My Domain URL', () => {
    expect(parseSettings({ ...base, sandbox: true })).toMatchObject({ loginUrl: 'https://test.salesforce.com', jwtAudience: 'https://test.salesforce.com' });
    expect(parseSettings({ ...base, sandbox: true, loginUrl: 'https://acme--uat.sandbox.my.salesforce.com/' }).loginUrl).toBe(
      'https://acme--uat.sandbox.my.salesforce.com',
    );
  });

  it('refuses http:// URLs with InsecureUrlError naming the setting, before anything else', () => {
    const error = (() => {
      try {
        return parseSettings({ loginUrl: 'http://login.salesforce.com' });
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(InsecureUrlError);
    expect((error as InsecureUrlError).setting).toBe('loginUrl');
    expect(() => parseSettings({ ...base, jwtAudience: 'http://login.salesforce.com' })).toThrow(InsecureUrlError);
  });

  it.each([
    ['client-credentials', {}, 'clientSecret'],
    ['jwt-bearer', { username: 'u' }, 'privateKey'],
    ['refresh-token', {}, 'refreshToken'],
    ['username-password', { clientSecret: 's', username: 'u' }, 'password'],
  ])('names what the %s flow is missing, never a value', (authFlow, extra, missing) => {
    expect(() => parseSettings({ authFlow, clientId: 'cid', ...extra })).toThrow(new RegExp(`needs the setting\\(s\\) .*${missing}`));
    expect(() => parseSettings({ authFlow, clientId: 'cid', ...extra })).toThrow(CrmAuthError);
  });

  it('refuses an unknown flow and malformed tuning values', () => {
    expect(() => parseSettings({ ...base, authFlow: 'magic' })).toThrow(CrmAuthError);
    expect(() => parseSettings({ ...base, apiVersion: 'v62' })).toThrow(TypeError);
    expect(() => parseSettings({ ...base, pollIntervalMs: 10 })).toThrow(TypeError);
  });
});
