import { startDataverseEmulator, type DataverseEmulator, type DataverseEmulatorOptions } from '@crm-hub/crm-emulators';
import { collect, createTestContext, type TestContext } from '@crm-hub/plugin-testing';
import type { CrmConnector, ReadRequest, SyncMessage } from '@crm-hub/plugin-sdk';
import plugin from '../index';
import { harnessConfig } from './dataverse-crm';

// The specs take everything from here; these live apart because they need no plugin code.
export { conformanceCrm, guidFor, harnessConfig, storedRecord } from './dataverse-crm';

/** A started emulator and helpers to open connectors on it. */
export interface DataverseHarness {
  emulator: DataverseEmulator;
  /** A valid client-secret config (tuning knobs set for tests), with `overrides` applied. */
  config(overrides?: Record<string, unknown>): Record<string, unknown>;
  /** A connector on a fresh fake host context. Disposed by {@link DataverseHarness.close}. */
  open(overrides?: Record<string, unknown>, options?: { fetch?: typeof fetch }): Promise<{ connector: CrmConnector; test: TestContext }>;
  /** Reads to completion (or `until`), failing after `timeoutMs`. */
  read(connector: CrmConnector, req: ReadRequest, until?: (m: SyncMessage) => boolean): Promise<SyncMessage[]>;
  close(): Promise<void>;
}

/**
 * Starts the Dataverse emulator (HTTPS, trusted through NODE_EXTRA_CA_CERTS) for one spec file.
 *
 * @example
 * ```ts
 * let h: DataverseHarness;
 * beforeAll(async () => (h = await startHarness()));
 * afterAll(() => h.close());
 * ```
 */
export async function startHarness(options?: DataverseEmulatorOptions): Promise<DataverseHarness> {
  const emulator = await startDataverseEmulator(options);
  const opened: CrmConnector[] = [];
  const config = (overrides: Record<string, unknown> = {}): Record<string, unknown> => harnessConfig(emulator, overrides);
  return {
    emulator,
    config,
    async open(overrides, options) {
      const test = createTestContext({ config: stripUndefined(config(overrides)), ...(options?.fetch ? { fetch: options.fetch } : {}) });
      const connector = await plugin.createConnector(test.ctx);
      opened.push(connector);
      return { connector, test };
    },
    read: (connector, req, until) => collect(connector.read(req), { timeoutMs: 60_000, ...(until ? { until } : {}) }),
    async close() {
      await Promise.all(opened.map((c) => c.dispose()));
      await emulator.close();
    },
  };
}

function stripUndefined(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined));
}
