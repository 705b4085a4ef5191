import { createSecureFetch, type ConnectorContext } from '@crm-hub/plugin-sdk';

/**
 * One line a plugin logged through `ctx.logger`, as it was given (the fake logger does not redact,
 * so a test can see a secret the plugin should never have logged).
 *
 * @example
 * ```ts
 * expect(test.logs).toContainEqual({ level: 'info', message: 'query page read', fields: { records: 10 } });
 * ```
 */
export interface TestLogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields?: Record<string, unknown>;
}

/**
 * The latest usage a plugin reported for one quota with `ctx.meter.quota()`.
 *
 * @example
 * ```ts
 * expect(test.quotas['api-usage']).toEqual({ used: 12, limit: 15000 });
 * ```
 */
export interface QuotaReport {
  used: number;
  limit: number;
}

/**
 * What {@link createTestContext} takes.
 *
 * @example
 * ```ts
 * const test = createTestContext({ config: { baseUrl: 'https://crm.example.com', apiToken: 't0ken' } });
 * ```
 */
export interface TestContextOptions {
  /** The account settings the connector sees as `ctx.config` (copied and frozen). */
  config: Record<string, unknown>;
  /** Default `test-account`. */
  accountId?: string;
  /**
   * The fetch under the SDK's SecureFetch (default: the global fetch). The https rules still
   * apply; use it to script answers in a unit test.
   */
  fetch?: typeof fetch;
}

/**
 * A fake host context and what the plugin did with it.
 *
 * @example
 * ```ts
 * const test = createTestContext({ config });
 * const connector = await plugin.createConnector(test.ctx);
 * await connector.check();
 * expect(test.totalCalls()).toBeGreaterThan(0);
 * ```
 */
export interface TestContext {
  /** Give this to `plugin.createConnector()`. */
  readonly ctx: ConnectorContext;
  /** Every line logged, in order. */
  readonly logs: TestLogLine[];
  /** `ctx.meter.call()` counts by kind. */
  readonly calls: Record<string, number>;
  /** The sum of {@link TestContext.calls}. */
  totalCalls(): number;
  /** The latest `ctx.meter.quota()` report by kind. */
  readonly quotas: Record<string, QuotaReport>;
  /** Aborts `ctx.signal` (and so every call made through `ctx.http`), as a host cancelling the run would. */
  abort(reason?: unknown): void;
}

/**
 * Makes a fake host context: the SDK's real SecureFetch (https only, certificates verified), a
 * capturing logger, a counting meter and an AbortController. The meter refuses what a host would
 * (an empty kind, a count that is not a non-negative integer) by throwing a `TypeError`.
 *
 * @example
 * ```ts
 * import { createTestContext } from '@crm-hub/plugin-testing';
 *
 * const test = createTestContext({ config: { baseUrl: 'https://crm.example.com', apiToken: 't0ken' } });
 * const connector = await plugin.createConnector(test.ctx);
 * await connector.discover();
 * console.log(test.calls, test.logs);
 * await connector.dispose();
 * ```
 */
export function createTestContext(options: TestContextOptions): TestContext {
  const controller = new AbortController();
  const logs: TestLogLine[] = [];
  const calls: Record<string, number> = {};
  const quotas: Record<string, QuotaReport> = {};
  const log =
    (level: TestLogLine['level']) =>
    (message: string, fields?: Record<string, unknown>): void => {
      logs.push(fields === undefined ? { level, message } : { level, message, fields });
    };
  const ctx: ConnectorContext = Object.freeze({
    accountId: options.accountId ?? 'test-account',
    // A copy, frozen, so a plugin mutating its settings fails here rather than in production.
    config: Object.freeze(structuredClone(options.config)),
    http: createSecureFetch({ signal: controller.signal, ...(options.fetch ? { fetch: options.fetch } : {}) }),
    logger: Object.freeze({ debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') }),
    meter: Object.freeze({
      call(kind: string, count = 1): void {
        if (typeof kind !== 'string' || kind === '') throw new TypeError('meter.call(kind) needs a non-empty kind');
        if (!Number.isSafeInteger(count) || count < 0) {
          throw new TypeError(`meter.call('${kind}', count) needs a non-negative integer count, got ${String(count)}`);
        }
        calls[kind] = (calls[kind] ?? 0) + count;
      },
      quota(kind: string, used: number, limit: number): void {
        if (typeof kind !== 'string' || kind === '') throw new TypeError('meter.quota(kind, …) needs a non-empty kind');
        quotas[kind] = { used, limit };
      },
    }),
    signal: controller.signal,
  });
  return {
    ctx,
    logs,
    calls,
    quotas,
    totalCalls: () => Object.values(calls).reduce((sum, n) => sum + n, 0),
    abort: (reason?: unknown) => controller.abort(reason),
  };
}
