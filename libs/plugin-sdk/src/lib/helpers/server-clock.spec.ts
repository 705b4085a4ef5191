import { ServerClock } from './server-clock';

describe(ServerClock.name, () => {
  it('follows the local clock until a Date header is seen', () => {
    const clock = new ServerClock();
    expect(clock.known).toBe(false);
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(50);
  });

  it("takes the server's time from Date headers, never ahead of it (the header is truncated to the second)", () => {
    const clock = new ServerClock();
    const receivedAt = Date.now();
    clock.observe('Wed, 01 Jan 2031 00:00:00 GMT', receivedAt);
    expect(clock.known).toBe(true);
    const elapsed = Date.now() - receivedAt;
    expect(clock.now() - Date.UTC(2031, 0, 1)).toBeGreaterThanOrEqual(0);
    expect(clock.now() - Date.UTC(2031, 0, 1)).toBeLessThanOrEqual(elapsed + 5);
  });

  it('ignores missing and unreadable headers, keeping what it learnt', () => {
    const clock = new ServerClock();
    clock.observe('Wed, 01 Jan 2031 00:00:00 GMT');
    clock.observe('not a date');
    clock.observe(null);
    expect(Math.abs(clock.now() - Date.UTC(2031, 0, 1))).toBeLessThan(1_000);
  });
});
