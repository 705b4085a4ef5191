import { defaultScope, scopeCovers } from './scopes';

describe('scopes', () => {
  it('nests admin over operate over read', () => {
    expect(scopeCovers('admin', 'operate')).toBe(true);
    expect(scopeCovers('operate', 'read')).toBe(true);
    expect(scopeCovers('operate', 'admin')).toBe(false);
    expect(scopeCovers('read', 'operate')).toBe(false);
  });

  it('makes a route that names no scope readable with read and changeable only with admin', () => {
    expect(defaultScope('GET')).toBe('read');
    expect(defaultScope('head')).toBe('read');
    expect(['POST', 'PATCH', 'PUT', 'DELETE'].map(defaultScope)).toEqual(['admin', 'admin', 'admin', 'admin']);
  });
});
