import { Heartbeat } from './heartbeat';

describe(Heartbeat.name, () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  function watch() {
    const pings: number[] = [];
    const silent = jest.fn();
    const heartbeat = new Heartbeat({ heartbeatIntervalMs: 100, unresponsiveAfterMs: 500 }, (seq) => pings.push(seq), silent);
    heartbeat.start();
    return { heartbeat, pings, silent };
  }

  it('keeps a worker that answers', () => {
    const { heartbeat, pings, silent } = watch();

    for (let i = 0; i < 20; i++) {
      jest.advanceTimersByTime(100);
      heartbeat.answered(pings.at(-1) as number);
    }

    expect(silent).not.toHaveBeenCalled();
    expect(pings.length).toBe(20);
    heartbeat.stop();
  });

  it('reports a worker whose ping stays unanswered for the limit, once', () => {
    const { pings, silent } = watch();

    jest.advanceTimersByTime(2_000);

    expect(pings).toEqual([1]);
    expect(silent).toHaveBeenCalledTimes(1);
    expect(silent).toHaveBeenCalledWith(500);
  });

  it('does not blame the worker for a pause of the hub’s own thread', () => {
    const { heartbeat, pings, silent } = watch();
    jest.advanceTimersByTime(100); // ping 1 sent

    jest.setSystemTime(Date.now() + 5_000); // the hub's thread was blocked: the pong may be waiting unread
    jest.advanceTimersByTime(100);
    heartbeat.answered(1);
    jest.advanceTimersByTime(100);

    expect(silent).not.toHaveBeenCalled();
    expect(pings).toEqual([1, 2]);
    heartbeat.stop();
  });
});
