import { startHubSpotEmulator, type HubSpotEmulator, type HubSpotEmulatorOptions } from '@crm-hub/crm-emulators';
import { collect, createTestContext, type TestContext } from '@crm-hub/plugin-testing';
import { toAsyncIterable, type CrmConnector, type ReadRequest, type SyncMessage } from '@crm-hub/plugin-sdk';
import plugin from '../index';
import { harnessConfig } from './hubspot-crm';

// The specs take everything from here; these live apart because they need no plugin code.
export { conformanceCrm, harnessConfig, storedRecord } from './hubspot-crm';

/** A started emulator and helpers to open connectors on it. */
export interface HubSpotHarness {
  hs: HubSpotEmulator;
  /** A valid private-app config (safety lag 0, fast polls), with `overrides` applied (`undefined` removes a key). */
  config(overrides?: Record<string, unknown>): Record<string, unknown>;
  /** A connector on a fresh fake host context; disposed by {@link HubSpotHarness.close}. */
  open(overrides?: Record<string, unknown>, options?: { fetch?: typeof fetch }): Promise<{ connector: CrmConnector; test: TestContext }>;
  /** Every message of a finite read. */
  read(connector: CrmConnector, req: ReadRequest, until?: (m: SyncMessage) => boolean): Promise<SyncMessage[]>;
  close(): Promise<void>;
}

/**
 * Starts the HubSpot emulator (HTTPS, trusted through NODE_EXTRA_CA_CERTS) for one spec file.
 *
 * @example
 * ```ts
 * let h: HubSpotHarness;
 * beforeAll(async () => (h = await startHarness()));
 * afterAll(() => h.close());
 * ```
 */
export async function startHarness(options?: HubSpotEmulatorOptions, defaults: Record<string, unknown> = {}): Promise<HubSpotHarness> {
  const hs = await startHubSpotEmulator(options);
  const opened: CrmConnector[] = [];
  const config = (overrides: Record<string, unknown> = {}): Record<string, unknown> => harnessConfig(hs, { ...defaults, ...overrides });
  return {
    hs,
    config,
    async open(overrides, o) {
      const test = createTestContext({ config: config(overrides), ...(o?.fetch ? { fetch: o.fetch } : {}) });
      const connector = await plugin.createConnector(test.ctx);
      opened.push(connector);
      return { connector, test };
    },
    read: (connector, req, until) => collect(connector.read(req), { timeoutMs: 120_000, ...(until ? { until } : {}) }),
    async close() {
      await Promise.all(opened.map((c) => c.dispose()));
      await hs.close();
    },
  };
}

/** A read consumed as the hub does (`toAsyncIterable`), until it ends or fails. */
export async function readUntilFailure(connector: CrmConnector, req: ReadRequest): Promise<{ messages: SyncMessage[]; error?: unknown }> {
  const messages: SyncMessage[] = [];
  try {
    for await (const msg of toAsyncIterable(connector.read(req))) messages.push(msg);
    return { messages };
  } catch (error) {
    return { messages, error };
  }
}
