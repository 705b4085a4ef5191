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
