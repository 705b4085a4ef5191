import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { fold, publicMetrics } from './public-metrics';

describe(publicMetrics.name, () => {
  it('folds the account label away: the largest gauge, the summed counter; other metrics as they are', async () => {
    const registry = new Registry();
    const quota = new Gauge({ name: 'quota_ratio', help: 'quota', labelNames: ['plugin', 'account', 'kind'], registers: [registry] });
    const calls = new Counter({ name: 'calls_total', help: 'calls', labelNames: ['plugin', 'account'], registers: [registry] });
    const plain = new Counter({ name: 'plain_total', help: 'no private label', labelNames: ['plugin'], registers: [registry] });
    const timed = new Histogram({ name: 'timed_seconds', help: 'h', labelNames: ['account'], buckets: [1], registers: [registry] });
    quota.set({ plugin: 'sf', account: 'acc-1', kind: 'daily' }, 0.2);
    quota.set({ plugin: 'sf', account: 'acc-2', kind: 'daily' }, 0.9);
    calls.inc({ plugin: 'sf', account: 'acc-1' }, 3);
    calls.inc({ plugin: 'sf', account: 'acc-2' }, 4);
    plain.inc({ plugin: 'sf' });
    timed.observe({ account: 'acc-1' }, 0.5);

    const text = await publicMetrics(registry);

    expect(text).not.toMatch(/acc-\d/);
    expect(text).toContain('# TYPE quota_ratio gauge\nquota_ratio{plugin="sf",kind="daily"} 0.9');
    expect(text).toContain('calls_total{plugin="sf"} 7');
    expect(text).toContain('plain_total{plugin="sf"} 1');
    expect(text).not.toContain('timed_seconds'); // no safe way to fold a histogram: left out
  });
});

describe(fold.name, () => {
  it('keeps samples apart that differ by a public label', () => {
    expect(
      fold(
        [
          { labels: { plugin: 'a', account: '1' }, value: 1 },
          { labels: { plugin: 'b', account: '1' }, value: 2 },
        ],
        Math.max,
      ),
    ).toEqual([
      { labels: { plugin: 'a' }, value: 1 },
      { labels: { plugin: 'b' }, value: 2 },
    ]);
  });
});
