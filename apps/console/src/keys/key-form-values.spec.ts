import { localDay, localDayStart } from '../audit/local-day';
import { emptyKeyValues, keyBody } from './key-form-values';

describe('new key form values', () => {
  it('sends a key for every account, without expiry, when neither is chosen', () => {
    expect(keyBody({ ...emptyKeyValues, name: '  dashboard  ' })).toEqual({ name: 'dashboard', scope: 'read' });
  });

  it('sends the chosen accounts and the start of the expiry day in the browser time zone', () => {
    expect(keyBody({ name: 'reports', scope: 'operate', accounts: ['a1', 'a2'], expiresOn: '2027-01-31' })).toEqual({
      name: 'reports',
      scope: 'operate',
      accounts: ['a1', 'a2'],
      expiresAt: new Date(2027, 0, 31).toISOString(),
    });
  });
});

describe('local days', () => {
  it('turns a date input value into the instant the day starts, days later when asked', () => {
    expect(localDayStart('2026-12-03')).toBe(new Date(2026, 11, 3).toISOString());
    expect(localDayStart('2026-12-31', 1)).toBe(new Date(2027, 0, 1).toISOString());
  });

  it('leaves anything else as it is, for the hub to explain', () => {
    expect(localDayStart('yesterday')).toBe('yesterday');
    expect(localDayStart('2026-12-03T10:00:00Z')).toBe('2026-12-03T10:00:00Z');
  });

  it('names today and tomorrow as a date input does', () => {
    const now = new Date(2026, 11, 31, 23, 30);
    expect(localDay(0, now)).toBe('2026-12-31');
    expect(localDay(1, now)).toBe('2027-01-01');
  });
});
