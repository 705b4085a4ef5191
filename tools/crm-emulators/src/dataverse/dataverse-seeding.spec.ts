import { SeedSegment } from './store/seed-segment';
import { startDataverseEmulator } from './start-dataverse-emulator';
import type { DataverseEmulator } from './dataverse-emulator.types';
import { api, fetchToken, json } from './test-support/dataverse-test-client';

describe(startDataverseEmulator.name, () => {
  describe('seeding', () => {
    const started: DataverseEmulator[] = [];
    const start = async () => {
      const dv = await startDataverseEmulator();
      started.push(dv);
      return dv;
    };
    afterAll(() => Promise.all(started.map((dv) => dv.close())));

    it('is deterministic: same table, count and options give the same ids and values', async () => {
      const [a, b] = [await start(), await start()];
      const options = { modifiedOn: '2026-02-01T08:00:00Z' };
      expect(a.seed('new_subscription', 50, options)).toEqual(b.seed('new_subscription', 50, options));
      const strip = (rows: Record<string, unknown>[]) => rows.map(({ '@odata.etag': _etag, versionnumber: _v, ...rest }) => rest);
      expect(strip(a.rows('new_subscription'))).toEqual(strip(b.rows('new_subscription')));
      expect(a.rows('new_subscription')[0]).toMatchObject({
        new_code: 'S-0000001',
        new_channels: '727000001,727000003',
        new_startdate: '2026-02-01',
        modifiedon: '2026-02-01T08:00:00Z',
        statecode: 0,
      });
    });

    it('gives consecutive rows the same modifiedon when asked, and later seeds new ids', async () => {
      const dv = await start();
      const first = dv.seed('contact', 6, { sameModifiedOnEvery: 3 });
      const stamps = dv.rows('contact').map((r) => r['modifiedon']);
      expect(stamps).toEqual([stamps[0], stamps[0], stamps[0], stamps[3], stamps[3], stamps[3]]);
      expect(stamps[0]).not.toBe(stamps[3]);
      const second = dv.seed('contact', 2);
      expect(second.some((id) => first.includes(id))).toBe(false);
      expect(dv.rows('contact')).toHaveLength(8);
    });

    it('seeds 100,000 rows without building them, and pages through them by (modifiedon, id)', async () => {
      const dv = await start();
      // Work is counted, not timed: seeding keeps a plan, rows are built when read.
      const built = jest.spyOn(SeedSegment.prototype, 'row');
      dv.seed('account', 100_000, { sameModifiedOnEvery: 1000 });
      expect(built).not.toHaveBeenCalled();
      built.mockRestore();
      const token = await fetchToken(dv);
      const watermark = '2026-01-01T00:01:00Z';
      const filter = encodeURIComponent(`modifiedon ge ${watermark}`);
      const page = await json<{ value: Record<string, unknown>[]; '@odata.nextLink'?: string; '@odata.count': number }>(
        await api(dv, token, `accounts?$select=modifiedon&$filter=${filter}&$orderby=modifiedon asc,accountid asc&$count=true`, {
          headers: { Prefer: 'odata.maxpagesize=5000' },
        }),
      );
      expect(page['@odata.count']).toBe(5000);
      expect(page.value).toHaveLength(5000);
      expect(page.value[0]?.['modifiedon']).toBe(watermark);
      const next = await json<{ value: Record<string, unknown>[] }>(await api(dv, token, page['@odata.nextLink'] as string, { headers: { Prefer: 'odata.maxpagesize=5000' } }));
      expect(next.value[0]?.['modifiedon']).toBe('2026-01-01T00:01:05Z');
    });
  });
});
