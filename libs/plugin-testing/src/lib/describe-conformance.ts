import type { ConformanceOptions } from './conformance-options';
import { conformanceRules } from './rules';

/** Per-test jest timeout: generous, since the kit's own limits (timeoutMs) fail first with a clearer message. */
const TEST_TIMEOUT_MS = 120_000;

/**
 * Declares the conformance suite as jest tests: one `describe(name)` with one test per rule of
 * {@link conformanceRules}. `options` may be a factory, resolved in `beforeAll`, because emulators
 * start late; if it throws, every test of the suite fails with its error.
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
  describe(name, () => {
    let resolved: ConformanceOptions | undefined;
    beforeAll(async () => {
      resolved = typeof options === 'function' ? await options() : options;
    }, TEST_TIMEOUT_MS);

    for (const rule of conformanceRules) {
      it(
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
