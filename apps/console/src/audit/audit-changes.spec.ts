import { changeLines } from './audit-changes';

describe('audit entry changes', () => {
  it('shows each field as from → to, JSON-quoted so that empty, null and text stay apart', () => {
    expect(changeLines({ name: { from: 'a', to: 'b' }, 'config.apiVersion': { from: null, to: '' }, accounts: { from: ['x'], to: null } })).toEqual([
      { field: 'name', text: '"a" → "b"', kind: 'changed' },
      { field: 'config.apiVersion', text: 'null → ""', kind: 'changed' },
      { field: 'accounts', text: '["x"] → null', kind: 'changed' },
    ]);
  });

  it('marks fields of a created resource as added and of a deleted one as removed', () => {
    expect(changeLines({ scope: { to: 'read' }, name: { from: 'old' } })).toEqual([
      { field: 'scope', text: '— → "read"', kind: 'added' },
      { field: 'name', text: '"old" → —', kind: 'removed' },
    ]);
  });

  it('shows secrets only as changed or removed, as the hub records them', () => {
    expect(changeLines({ 'secrets.clientSecret': 'changed', 'secrets.refreshToken': 'removed' })).toEqual([
      { field: 'secrets.clientSecret', text: 'changed', kind: 'changed' },
      { field: 'secrets.refreshToken', text: 'removed', kind: 'removed' },
    ]);
  });

  it('shows no line when nothing was recorded, and any other shape as JSON', () => {
    expect(changeLines(null)).toEqual([]);
    expect(changeLines({ odd: { value: 1 } })).toEqual([{ field: 'odd', text: '{"value":1}', kind: 'changed' }]);
  });
});
