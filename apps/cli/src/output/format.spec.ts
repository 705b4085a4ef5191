import { UsageError } from '../usage-error';
import { parseDateTimeOption } from './format';

describe('parseDateTimeOption', () => {
  it('passes ISO 8601 dates and date-times through as typed', () => {
    expect(parseDateTimeOption('--since', '2026-12-01T00:00:00Z')).toBe('2026-12-01T00:00:00Z');
    expect(parseDateTimeOption('--since', '2026-12-01')).toBe('2026-12-01');
  });

  it('refuses anything else, naming the option', () => {
    expect(() => parseDateTimeOption('--expires', 'tomorrow')).toThrow(UsageError);
    expect(() => parseDateTimeOption('--expires', 'Dec 1 2026')).toThrow(/^--expires takes an ISO 8601 date-time, e\.g\. .*, not 'Dec 1 2026'$/);
    expect(() => parseDateTimeOption('--until', '2026-13-45')).toThrow(/--until/);
  });
});
