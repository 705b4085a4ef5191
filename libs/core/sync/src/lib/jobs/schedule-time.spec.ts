import { nextTick, tickAfterRun } from './schedule-time';

describe(tickAfterRun.name, () => {
  const cron = '*/2 * * * * *';
  const at = (time: string) => new Date(`2026-01-01T00:00:${time}Z`);

  it('moves past the tick being run when its timer fired early, so that tick is not run twice', () => {
    expect(nextTick(cron, 'UTC', at('01.300')).toISOString()).toBe(at('02.000').toISOString()); // what claimed the same tick again
    expect(tickAfterRun(cron, 'UTC', at('02.000'), at('01.300')).toISOString()).toBe(at('04.000').toISOString());
  });

  it('counts from now when the tick is run on time or late (missed ticks run once)', () => {
    expect(tickAfterRun(cron, 'UTC', at('02.000'), at('02.004')).toISOString()).toBe(at('04.000').toISOString());
    expect(tickAfterRun(cron, 'UTC', at('02.000'), at('09.500')).toISOString()).toBe(at('10.000').toISOString());
  });
});

describe(nextTick.name, () => {
  it("reads the expression in the job's time zone, not the process's", () => {
    expect(nextTick('0 3 * * *', 'Europe/Rome', new Date('2026-12-03T12:00:00Z')).toISOString()).toBe('2026-12-04T02:00:00.000Z'); // CET
    expect(nextTick('0 3 * * *', 'Europe/Rome', new Date('2026-07-03T12:00:00Z')).toISOString()).toBe('2026-07-04T01:00:00.000Z'); // CEST
    expect(nextTick('30 9 * * 1-5', 'America/New_York', new Date('2026-12-04T15:00:00Z')).toISOString()).toBe('2026-12-07T14:30:00.000Z'); // Friday 10:00 → Monday 09:30 EST
    expect(nextTick('0 3 * * *', 'UTC', new Date('2026-12-03T12:00:00Z')).toISOString()).toBe('2026-12-04T03:00:00.000Z');
  });

  it('follows daylight saving time: the same wall-clock time before and after the change', () => {
    // Europe/Rome goes from CET to CEST on 2026-03-29.
    expect(nextTick('0 12 * * *', 'Europe/Rome', new Date('2026-03-28T12:00:00Z')).toISOString()).toBe('2026-03-29T10:00:00.000Z');
    expect(nextTick('0 12 * * *', 'Europe/Rome', new Date('2026-03-27T12:00:00Z')).toISOString()).toBe('2026-03-28T11:00:00.000Z');
  });
});
