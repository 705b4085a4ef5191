import type { ConformanceOptions } from './conformance-options';
import { conformanceRules } from './rules';
import { testRunner } from './test-runner';

/** Per-test timeout: generous, since the kit's own limits (timeoutMs) fail first with a clearer message. */
const TEST_TIMEOUT_MS = 120_000;

/**
 * Declares the conformance suite as tests: one `describe(name)` with one test per rule of
 * {@link conformanceRules}. `options` may be a factory, resolved before the first rule, because
 * emulators start late; if it throws, every test of the suite fails with its error. Under jest it
 * uses jest's globals; anywhere else it uses `node:test`, so the same suite runs with
 * `node --test` and `deno test`.
 *
 * @example
 * ```ts
 * // plugins/acme/src/conformance.spec.ts
 * import { describeConformance } from '@crm-hub/plugin-testing';
 * import plugin from './index';
 *
 * let emulator: AcmeEmulator;
 * afterAll(() => emulator?.close());
 *
 * describeConformance('acme plugin', async () => {
 *   emulator = await startAcmeEmulator();
 *   return {
 *     plugin,
 *     config: { baseUrl: emulator.url, apiToken: emulator.token },
 *     refusedConfig: { baseUrl: emulator.url, apiToken: 'wrong-token' },
 *     crm: emulator.conformanceCrm(),
 *     object: 'Contact',
 *   };
 * });
 * ```
 */
export function describeConformance(
  name: string,
  options: ConformanceOptions | (() => ConformanceOptions | Promise<ConformanceOptions>),
): void {
  const runner = testRunner();
  runner.describe(name, () => {
    let resolved: ConformanceOptions | undefined;
    runner.beforeAll(async () => {
      resolved = typeof options === 'function' ? await options() : options;
    }, TEST_TIMEOUT_MS);

    for (const rule of conformanceRules) {
      runner.it(
        `${rule.id}: ${rule.title}`,
        async () => {
          if (!resolved) throw new Error('the conformance options were not resolved (did the factory fail in beforeAll?)');
          await rule.run(resolved);
        },
        TEST_TIMEOUT_MS,
      );
    }
  });
}

/**
 * Runs `teardown` once the suites of the file are done (jest's `afterAll`, `node:test`'s `after`):
 * for the emulator a conformance factory started, whichever runner runs the file.
 *
 * @example
 * ```ts
 * let emulator: AcmeEmulator | undefined;
 * afterConformance(() => emulator?.close());
 * ```
 */
export function afterConformance(teardown: () => Promise<void> | void): void {
  testRunner().afterAll(teardown, TEST_TIMEOUT_MS);
}
