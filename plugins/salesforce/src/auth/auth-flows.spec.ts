import { CrmAuthError, InsecureUrlError } from '@crm-hub/plugin-sdk';
import type { SalesforceEmulator } from '@crm-hub/crm-emulators';
import { AUTH_FLOWS } from '../manifest/connection-spec';
import { flowConfig, openConnector, readAll, startEmulator } from '../test-support/emulator-harness';
import { SalesforceSession } from './salesforce-session';

let emulator: SalesforceEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
  emulator.seed('Contact', 5);
});
afterAll(() => emulator.close());
beforeEach(() => emulator.counters.reset());

describe(SalesforceSession.name, () => {
  it.each(AUTH_FLOWS)('signs in with the %s flow and reports instance, org, user and API usage', async (flow) => {
    const { connector, test } = await openConnector(flowConfig(emulator, flow));
    try {
      const result = await connector.check();
      expect(result).toEqual({
        ok: true,
        details: {
          instanceUrl: emulator.instanceUrl,
          apiVersion: '62.0',
          authFlow: flow,
          orgId: expect.stringMatching(/^00D/),
          userId: expect.stringMatching(/^005/),
          apiUsage: { used: expect.any(Number), limit: expect.any(Number) },
        },
      });
      expect(emulator.counters.get('token')).toBe(1);
      expect(test.calls).toEqual({ token: 1, limits: 1 });
      expect(test.quotas['api-usage']).toEqual(emulator.apiUsage());
    } finally {
      await connector.dispose();
    }
  });

  it.each([
    ['client-credentials', { clientSecret: 'wrong' }, /client-credentials grant: invalid_client/],
    ['jwt-bearer', { username: 'someone-else@example.com' }, /jwt-bearer grant: invalid_grant .*pre-approved/],
    ['refresh-token', { refreshToken: 'not-a-token' }, /refresh-token grant: invalid_grant .*authorize the app again/],
    ['username-password', { password: 'wrong' }, /username-password grant: invalid_grant .*securityToken/],
  ] as const)('answers a refused %s grant with a reason naming the flow and the fix', async (flow, override, reason) => {
    const { connector } = await openConnector(flowConfig(emulator, flow, override));
    try {
      const result = await connector.check();
      expect(result.ok).toBe(false);
      expect(!result.ok && result.reason).toMatch(reason);
      expect(JSON.stringify(result)).not.toContain(emulator.credentials.clientSecret);
    } finally {
      await connector.dispose();
    }
  });

  it('refuses an http:// login URL with InsecureUrlError before any request', async () => {
    const { connector, test } = await openConnector(flowConfig(emulator, 'client-credentials', { loginUrl: emulator.url.replace('https:', 'http:') }));
    await expect(connector.check()).rejects.toBeInstanceOf(InsecureUrlError);
    expect(test.totalCalls()).toBe(0);
    expect(emulator.counters.total()).toBe(0);
    await connector.dispose();
  });

  it('renews an expired session transparently, once, and keeps reading', async () => {
    const { connector, test } = await openConnector(flowConfig(emulator, 'refresh-token'));
    try {
      expect(await readAll(connector, { object: 'Contact', fields: ['LastName'] })).toContainEqual(expect.objectContaining({ kind: 'upsert' }));
      emulator.expireSessions();
      const again = await readAll(connector, { object: 'Contact', fields: ['LastName'] });
      expect(again.filter((m) => m.kind === 'upsert')).toHaveLength(5);
      expect(test.calls['token']).toBe(2); // the first sign-in, and one renewal
    } finally {
      await connector.dispose();
    }
  });

  it('keeps a busy session, and signs in again once it outlived its idle lifetime (emulator clock), then keeps reading', async () => {
    const HOUR = 3_600_000; // the emulator's sessions, like Salesforce's default, time out after 2 h without a call
    const { connector, test } = await openConnector(flowConfig(emulator, 'jwt-bearer'));
    try {
      await readAll(connector, { object: 'Contact', fields: [] });
      emulator.clock.advance(1.5 * HOUR);
      await readAll(connector, { object: 'Contact', fields: [] });
      emulator.clock.advance(1.5 * HOUR); // 3 h since signing in, but only 1.5 h idle
      await readAll(connector, { object: 'Contact', fields: [] });
      expect(test.calls['token']).toBe(1);
      emulator.clock.advance(2 * HOUR + 1_000);
      const again = await readAll(connector, { object: 'Contact', fields: ['LastName'] });
      expect(again.filter((m) => m.kind === 'upsert')).toHaveLength(5);
      expect(test.calls['token']).toBe(2); // one new JWT assertion for the expired session
    } finally {
      await connector.dispose();
    }
  });

  it('follows a new instance_url from then on', async () => {
    const { connector, test } = await openConnector(flowConfig(emulator, 'client-credentials'));
    try {
      const before = await connector.check();
      const moved = emulator.switchInstance();
      emulator.expireSessions();
      const messages = await readAll(connector, { object: 'Contact', fields: [] });
      expect(messages.filter((m) => m.kind === 'upsert')).toHaveLength(5);
      // One renewal, then the call rebuilt on the new instance (jsforce would retry the old URL: refresh → 401 → …).
      expect(test.calls['token']).toBe(2);
      const after = await connector.check();
      expect(before.ok && before.details?.['instanceUrl']).not.toBe(moved);
      expect(after.ok && after.details?.['instanceUrl']).toBe(moved);
    } finally {
      emulator.switchInstance();
      await connector.dispose();
    }
  });

  it('answers a revoked refresh token with CrmAuthError naming the flow', async () => {
    const { connector } = await openConnector(flowConfig(emulator, 'refresh-token'));
    try {
      await connector.check();
      emulator.revokeRefreshToken();
      emulator.expireSessions();
      const error = await readAll(connector, { object: 'Contact', fields: [] }).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(CrmAuthError);
      expect((error as CrmAuthError).code).toBe('invalid_grant');
      expect((error as Error).message).toMatch(/refresh-token grant/);
    } finally {
      await connector.dispose();
    }
  });
});
