import { InsecureUrlError } from '@crm-hub/plugin-sdk';
import { createTestContext } from './test-context';

describe(createTestContext.name, () => {
  it('captures log lines, meter calls and quotas as the plugin made them', () => {
    const test = createTestContext({ config: { apiToken: 'abc' } });
    test.ctx.logger.info('page read', { records: 10 });
    test.ctx.logger.warn('slow');
    test.ctx.meter.call('query');
    test.ctx.meter.call('query', 2);
    test.ctx.meter.call('describe');
    test.ctx.meter.quota('api-usage', 12, 15000);
    expect(test.logs).toEqual([
      { level: 'info', message: 'page read', fields: { records: 10 } },
      { level: 'warn', message: 'slow' },
    ]);
    expect(test.calls).toEqual({ query: 3, describe: 1 });
    expect(test.totalCalls()).toBe(4);
    expect(test.quotas).toEqual({ 'api-usage': { used: 12, limit: 15000 } });
    expect(test.ctx.accountId).toBe('test-account');
  });

  it('refuses meter calls a host would refuse', () => {
    const { ctx } = createTestContext({ config: {} });
    expect(() => ctx.meter.call('')).toThrow(TypeError);
    expect(() => ctx.meter.call('query', -1)).toThrow(/non-negative integer/);
    expect(() => ctx.meter.call('query', 1.5)).toThrow(/non-negative integer/);
  });

  it('gives a frozen copy of the config', () => {
    const config = { baseUrl: 'https://crm.example.com' };
    const { ctx } = createTestContext({ config, accountId: 'acct-1' });
    expect(ctx.config).toEqual(config);
    expect(ctx.config).not.toBe(config);
    expect(Object.isFrozen(ctx.config)).toBe(true);
    expect(ctx.accountId).toBe('acct-1');
  });

  it('uses the SDK SecureFetch (http refused) and aborts its calls on abort()', async () => {
    const seen: (AbortSignal | null | undefined)[] = [];
    const fake = (async (_input: string | URL, init?: RequestInit) => {
      seen.push(init?.signal);
      return new Response('ok');
    }) as typeof fetch;
    const test = createTestContext({ config: {}, fetch: fake });
    await expect(test.ctx.http('http://crm.example.com/')).rejects.toBeInstanceOf(InsecureUrlError);
    await test.ctx.http('https://crm.example.com/');
    expect(seen).toHaveLength(1);
    test.abort(new Error('run cancelled'));
    expect(test.ctx.signal.aborted).toBe(true);
    expect(seen[0]?.aborted).toBe(true);
  });
});
