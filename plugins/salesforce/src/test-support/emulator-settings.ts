import type { SalesforceEmulator } from '@crm-hub/crm-emulators';
import type { AuthFlow } from '../manifest/connection-spec';

// Settings and data for the emulator that need no plugin code: the conformance suites load them
// next to a built plugin too (Deno, tools/deno-conformance).

/**
 * Account settings for one OAuth flow against the emulator; tests keep the safety lag at 0
 * unless they test it, and poll every second.
 */
export function flowConfig(emulator: SalesforceEmulator, flow: AuthFlow = 'client-credentials', overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const c = emulator.credentials;
  const common = { loginUrl: emulator.url, authFlow: flow, clientId: c.clientId, safetyLagMs: 0, pollIntervalMs: 1_000 };
  const secrets: Record<AuthFlow, Record<string, unknown>> = {
    'client-credentials': { clientSecret: c.clientSecret },
    'jwt-bearer': { username: c.username, privateKey: c.jwtPrivateKeyPem, jwtAudience: emulator.url },
    'refresh-token': { clientSecret: c.clientSecret, refreshToken: c.refreshToken },
    'username-password': { clientSecret: c.clientSecret, username: c.username, password: c.password, securityToken: c.securityToken },
  };
  return { ...common, ...secrets[flow], ...overrides };
}

/** A valid Subscription__c as canonical data (unique by `i`). */
export function subscriptionData(i: number): Record<string, unknown> {
  return {
    Name: `Spec subscription ${i}`,
    External_Id__c: `SPEC-${i}`,
    Plan__c: 'Standard',
    Features__c: ['Api', 'Sso'],
    Amount__c: '19.90',
    Start_Date__c: '2026-01-15',
  };
}
