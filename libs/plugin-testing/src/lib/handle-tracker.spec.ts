import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { sleep } from './collect';
import { activeHandleCounts, extraHandles, HandleTracker } from './handle-tracker';

describe(HandleTracker.name, () => {
  let tracker: HandleTracker;
  beforeEach(() => (tracker = new HandleTracker()));
  afterEach(() => tracker.stop());

  it('reports a ref’d interval opened inside track() until it is cleared, and nothing opened outside', async () => {
    const outside = setInterval(() => undefined, 60_000);
    let inside: NodeJS.Timeout | undefined;
    let unrefd: NodeJS.Timeout | undefined;
    try {
      await tracker.track(async () => {
        await sleep(1); // a timer that fired is gone
        inside = setInterval(() => undefined, 60_000);
        unrefd = setInterval(() => undefined, 60_000).unref(); // holds nothing open
      });
      expect(tracker.leftovers()).toEqual(['Timeout']);
      clearInterval(inside);
      expect(tracker.leftovers()).toEqual([]);
    } finally {
      [outside, inside, unrefd].forEach((t) => clearInterval(t));
    }
  });

  it('attributes a client socket to the tracked code, not the server end it caused', async () => {
    const serverSockets: Socket[] = [];
    const server = createServer((socket) => serverSockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseline = activeHandleCounts();
    let client: Socket | undefined;
    try {
      await tracker.track(async () => {
        const { port } = server.address() as AddressInfo;
        client = connect(port, '127.0.0.1');
        await new Promise((resolve) => client?.once('connect', resolve));
      });
      expect(tracker.leftovers()).toEqual(['TCPSocketWrap']);
      // An idle pooled keep-alive connection is unref'd by its agent: it holds nothing open…
      client?.unref();
      expect(await tracker.waitUntilClosed(200)).toEqual([]);
      // …while the in-process server's end of it stays ref'd: a global count would blame the client.
      expect(extraHandles(baseline, activeHandleCounts())).toContain('TCPSocketWrap +1');
    } finally {
      client?.destroy();
      serverSockets.forEach((s) => s.destroy());
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('runs the methods of an outside() object out of the tracked context', async () => {
    const helper = tracker.outside({ start: () => setInterval(() => undefined, 60_000) });
    let timer: NodeJS.Timeout | undefined;
    await tracker.track(async () => {
      timer = helper.start();
    });
    expect(tracker.leftovers()).toEqual([]);
    clearInterval(timer);
  });
});
