import { diffViews, requestedChanges, secretChanges, withoutSecretStates } from './audit-changes';

describe('audit changes', () => {
  it('lists the fields an update changed, settings one level down, ignoring updatedAt', () => {
    const before = { id: 'a1', name: 'Acme', config: { loginUrl: 'https://a', lagMs: 0 }, updatedAt: '2026-01-01T00:00:00.000Z' };
    const after = { id: 'a1', name: 'Acme EU', config: { loginUrl: 'https://b', lagMs: 0 }, updatedAt: '2026-01-02T00:00:00.000Z' };
    expect(diffViews(before, after)).toEqual({ name: { from: 'Acme', to: 'Acme EU' }, 'config.loginUrl': { from: 'https://a', to: 'https://b' } });
  });

  it('records a creation as its values and a deletion as what was there', () => {
    expect(diffViews(undefined, { id: 'j1', name: 'Contacts', schedule: null, mapping: [{ field: 'Email' }] })).toEqual({
      name: { to: 'Contacts' },
      mapping: { to: [{ field: 'Email' }] },
    });
    expect(diffViews({ id: 'j1', name: 'Contacts', enabled: true }, undefined)).toEqual({ name: { from: 'Contacts' }, enabled: { from: true } });
  });

  it('records a setting that appears or goes', () => {
    expect(diffViews({ config: { a: 1 } }, { config: { a: 1, b: 2 } })).toEqual({ 'config.b': { from: undefined, to: 2 } });
    expect(diffViews({ config: { a: 1, b: 2 } }, { config: { a: 1 } })).toEqual({ 'config.b': { from: 2 } });
  });

  it('never carries a secret value: secret settings appear only as changed or removed', () => {
    const body = { name: 'x', config: { loginUrl: 'https://login', clientSecret: 'hunter2-very-secret', refreshToken: null } };
    const changes = requestedChanges(body, new Set(['clientSecret', 'refreshToken']));
    expect(changes).toEqual({ name: { to: 'x' }, 'config.loginUrl': { to: 'https://login' }, 'secrets.clientSecret': 'changed', 'secrets.refreshToken': 'removed' });
    expect(JSON.stringify(changes)).not.toContain('hunter2');
    expect(secretChanges({ config: { loginUrl: 'x' } }, new Set(['clientSecret']))).toEqual({});
  });

  it('records no setting value when which settings are secret is unknown (an unknown plugin)', () => {
    const changes = requestedChanges({ name: 'x', pluginId: 'gone', config: { token: 'hunter2-very-secret' } }, 'all');
    expect(changes).toEqual({ name: { to: 'x' }, pluginId: { to: 'gone' }, 'config.token': 'changed' });
  });

  it("drops the view's secret states (the request says which secrets changed)", () => {
    const diff = diffViews({ secrets: { clientSecret: { set: false } } }, { secrets: { clientSecret: { set: true } } });
    expect(withoutSecretStates(diff)).toEqual({});
  });

  it('records an action as what it was asked, nothing for an empty body', () => {
    expect(requestedChanges({ full: true }, new Set())).toEqual({ full: { to: true } });
    expect(requestedChanges(undefined, new Set())).toEqual({});
    expect(requestedChanges([1, 2], new Set())).toEqual({});
  });
});
