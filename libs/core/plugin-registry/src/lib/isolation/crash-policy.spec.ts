import { CrashPolicy, describeDuration } from './crash-policy';

describe(CrashPolicy.name, () => {
  let now: number;
  const policy = () => new CrashPolicy({ maxCrashes: 3, crashWindowMs: 600_000, restartBackoffMs: 1_000 }, () => now);

  beforeEach(() => (now = 1_000_000));

  it('restarts with a doubling backoff, then refuses at the third crash within the window', () => {
    const p = policy();

    expect(p.crashed()).toEqual({ restartInMs: 1_000 });
    now += 5_000;
    expect(p.crashed()).toEqual({ restartInMs: 2_000 });
    now += 5_000;
    expect(p.crashed()).toEqual({ refuse: true, crashes: 3 });
  });

  it('forgets crashes older than the window, so a plugin that crashes now and then keeps running', () => {
    const p = policy();

    for (let day = 0; day < 10; day++) {
      expect(p.crashed()).toEqual({ restartInMs: 1_000 });
      now += 600_001;
    }
  });
});

describe(describeDuration.name, () => {
  it('reads as an operator would write it', () => {
    expect([describeDuration(600_000), describeDuration(90_000), describeDuration(2_500), describeDuration(800)]).toEqual(['10 min', '90 s', '3 s', '800 ms']);
  });
});
