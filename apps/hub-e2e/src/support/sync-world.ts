import {
  startDataverseEmulator,
  startSalesforceEmulator,
  type DataverseEmulator,
  type DataverseEmulatorOptions,
  type SalesforceEmulator,
  type SalesforceEmulatorOptions,
} from '@crm-hub/crm-emulators';
import { createTestDatabase, type TestDatabase } from '@crm-hub/persistence/testing';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hubApi, type HubApi } from './hub-api';
import { openHubDatabase } from './hub-database';
import { freePort, startHub, type HubProcess } from './hub-process';
import { syncApi } from './sync-api';

/** What a sync end-to-end spec works with: emulators, the built hub as a process, its database. */
export interface SyncWorld {
  readonly sf: SalesforceEmulator;
  readonly dv: DataverseEmulator;
  /** The hub started first (see `start` for more). */
  hub: HubProcess;
  readonly database: Awaited<ReturnType<typeof openHubDatabase>>;
  readonly db: TestDatabase;
  /** The API key every hub of the world accepts. */
  readonly apiKey: string;
  raw(hub?: HubProcess): HubApi;
  api(hub?: HubProcess): ReturnType<typeof syncApi>;
  /** The n-th placeholder of a raw SQL statement on this database. */
  p(n: number): string;
  /** Starts another hub on the same database (`folder` under the spec's root; the same port when it is the first hub's; `env` on top of the world's). */
  start(folder?: string, samePort?: boolean, env?: Record<string, string>): Promise<HubProcess>;
  /** An account on the Salesforce emulator (client credentials, no safety lag). */
  salesforceAccount(settings?: Record<string, unknown>): Promise<string>;
  /** An account on the Dataverse emulator. */
  dynamicsAccount(): Promise<string>;
}

/**
 * Sets up (beforeAll) and tears down (afterAll) a world for one spec file: the emulators asked for,
 * a private database, the built hub with the emulators' CA trusted, and a direct connection to
 * the hub's database.
 *
 * @example
 * ```ts
 * const world = useSyncWorld('export', { salesforce: {}, env: { HUB_SYNC_LEASE_MS: '2000' } });
 * it('…', async () => { const account = await world.salesforceAccount(); … });
 * ```
 */
export function useSyncWorld(
  name: string,
  options: { salesforce?: SalesforceEmulatorOptions; dataverse?: DataverseEmulatorOptions; env?: Record<string, string> },
): SyncWorld {
  const root = mkdtempSync(join(tmpdir(), `crm-hub-${name}-`));
  const db = createTestDatabase();
  const apiKey = `e2e-key-${name}-0123456789abcdef`.slice(0, 40).padEnd(24, '0');
  const started: HubProcess[] = [];
  let port = 0;
  const state: { sf?: SalesforceEmulator; dv?: DataverseEmulator; database?: SyncWorld['database'] } = {};

  const start = async (folder = 'hub', samePort = false, env: Record<string, string> = {}): Promise<HubProcess> => {
    const cwd = join(root, folder);
    mkdirSync(cwd, { recursive: true });
    const hubPort = samePort ? port : await freePort();
    if (!port) port = hubPort;
    const hub = await startHub({
      cwd,
      env: {
        PORT: String(hubPort),
        HUB_API_KEYS: apiKey,
        HUB_SECRET_KEY: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
        NODE_EXTRA_CA_CERTS: resolve(process.env['NODE_EXTRA_CA_CERTS'] ?? ''),
        ...options.env,
        ...env,
        ...db.env,
      },
    });
    started.push(hub);
    return hub;
  };

  const world: SyncWorld = {
    get sf() {
      return required(state.sf, 'salesforce');
    },
    get dv() {
      return required(state.dv, 'dataverse');
    },
    get database() {
      return required(state.database, 'database');
    },
    hub: undefined as unknown as HubProcess,
    db,
    apiKey,
    raw: (hub = world.hub) => hubApi(hub.url, apiKey),
    api: (hub = world.hub) => syncApi(hubApi(hub.url, apiKey)),
    p: (n) => (db.config.kind === 'postgres' ? `$${n}` : '?'),
    start,
    salesforceAccount: async (settings = {}) => {
      const { clientId, clientSecret } = world.sf.credentials;
      return world.api().account(`Salesforce ${started.length}-${Math.random().toString(36).slice(2, 6)}`, 'salesforce', {
        loginUrl: world.sf.url,
        authFlow: 'client-credentials',
        clientId,
        clientSecret,
        safetyLagMs: 0,
        ...settings,
      });
    },
    dynamicsAccount: async () => {
      const c = world.dv.credentials;
      return world.api().account(`Dynamics ${Math.random().toString(36).slice(2, 6)}`, 'dynamics', {
        instanceUrl: world.dv.url,
        authorityUrl: world.dv.authorityUrl,
        tenantId: c.tenantId,
        clientId: c.clientId,
        clientSecret: c.clientSecret,
      });
    },
  };

  beforeAll(async () => {
    [state.sf, state.dv] = await Promise.all([
      options.salesforce ? startSalesforceEmulator(options.salesforce) : undefined,
      options.dataverse ? startDataverseEmulator(options.dataverse) : undefined,
    ]);
    world.hub = await start();
    state.database = await openHubDatabase(db.config);
  }, 180_000);

  afterAll(async () => {
    await state.database?.close();
    await Promise.all(started.map((h) => h.stop()));
    await Promise.all([state.sf?.close(), state.dv?.close()]);
    await db.drop();
    rmSync(root, { recursive: true, force: true });
  });

  return world;
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`The sync world has no ${what}: ask for it in useSyncWorld()`);
  return value;
}
