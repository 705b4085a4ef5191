import { auditQuery, filtersOf, hasFilters, searchOf } from './audit-filters';

describe('audit log filters', () => {
  it('reads the filters from the URL, ignoring an outcome the form cannot show', () => {
    expect(filtersOf(new URLSearchParams('action=account.&outcome=maybe&since=2026-12-01&page=2'))).toEqual({ action: 'account.', resourceType: '', outcome: '', since: '2026-12-01', until: '', keyId: '' });
    expect(filtersOf(new URLSearchParams('outcome=failed')).outcome).toBe('failed');
    expect(filtersOf(new URLSearchParams('outcome=pending')).outcome).toBe('pending');
  });

  it('writes only the filters that are set back to the URL, and reads them again unchanged', () => {
    const filters = { action: ' key.create ', resourceType: '', outcome: 'succeeded', since: '', until: '2026-12-03', keyId: '' } as const;
    const search = searchOf(filters);
    expect(search.toString()).toBe('action=key.create&outcome=succeeded&until=2026-12-03');
    expect(filtersOf(search)).toEqual({ ...filters, action: 'key.create' });
    expect(hasFilters(filtersOf(new URLSearchParams()))).toBe(false);
    expect(hasFilters(filtersOf(search))).toBe(true);
  });

  it('asks the hub for whole days in the browser time zone, the until day included', () => {
    expect(auditQuery(filtersOf(new URLSearchParams('since=2026-12-01&until=2026-12-03&resourceType=job&keyId=env:1')))).toEqual({
      resourceType: 'job',
      since: new Date(2026, 11, 1).toISOString(),
      until: new Date(2026, 11, 4).toISOString(),
      keyId: 'env:1',
    });
    expect(auditQuery(filtersOf(new URLSearchParams()))).toEqual({});
  });
});
