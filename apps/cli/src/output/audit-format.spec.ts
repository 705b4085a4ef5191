import type { Schema } from '../hub/hub-client';
import { auditResource, auditRows, changesSummary } from './audit-format';

type AuditEntryView = Schema<'AuditEntryView'>;

describe('the audit table', () => {
  it('sums up changes in one line: old → new, secrets only as changed or removed', () => {
    expect(changesSummary({ name: { from: 'a', to: 'b' }, 'secrets.password': 'changed', 'secrets.token': 'removed' })).toBe(
      'name: a → b, secrets.password: changed, secrets.token: removed',
    );
  });

  it('shows what a creation set, what a deletion removed, and values that are not text', () => {
    expect(changesSummary({ scope: { to: 'read' }, accounts: { to: ['x', 'y'] } })).toBe('scope: read, accounts: ["x","y"]');
    expect(changesSummary({ enabled: { from: true } })).toBe('enabled: true → removed');
    expect(changesSummary({ note: { from: null, to: 'set' } })).toBe('note: null → set');
    expect(changesSummary(null)).toBe('');
  });

  it('cuts long values and long lists of fields (--json has them whole)', () => {
    expect(changesSummary({ filter: { to: 'x'.repeat(100) } })).toBe(`filter: ${'x'.repeat(39)}…`);
    const many = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`f${i}`, { to: i }]));
    expect(changesSummary(many)).toBe('f0: 0, f1: 1, f2: 2, f3: 3, f4: 4, f5: 5, +3 more');
  });

  it('names the resource, or the path when the route has none', () => {
    expect(auditResource({ resourceType: 'account', resourceId: 'a1', path: '/api/accounts/a1' })).toBe('account a1');
    expect(auditResource({ resourceType: null, resourceId: null, path: '/api/things' })).toBe('/api/things');
  });

  const refused: AuditEntryView = {
    id: '7',
    at: '2026-12-03T17:00:00.123Z',
    key: { id: 'k', prefix: 'chub_Ab3xY7q', name: 'dashboard' },
    action: 'account.update',
    method: 'PATCH',
    path: '/api/accounts/a1',
    resourceType: 'account',
    resourceId: 'a1',
    accountId: 'a1',
    changes: { name: { to: 'renamed' } },
    outcome: 'failed',
    status: 403,
    error: "This needs an API key of scope 'admin'",
  };

  it('puts the key by name and prefix, the outcome with its status, and why a change failed', () => {
    expect(auditRows([refused])).toEqual([
      ['2026-12-03 17:00:00Z', 'dashboard (chub_Ab3xY7q…)', 'account.update', 'account a1', 'failed 403', "name: renamed; error: This needs an API key of scope 'admin'"],
    ]);
  });

  it('shows a change still pending without a status', () => {
    expect(auditRows([{ ...refused, outcome: 'pending', status: null, error: null }])[0]?.[4]).toBe('pending');
  });
});
