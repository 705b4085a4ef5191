import { CallCounters } from '../common/call-counters';
import { EmulatorClock } from '../common/clock';
import { HttpsEmulator } from '../common/https-emulator';
import { loadServerTls } from '../common/tls-files';
import { createCredentials } from './auth/credentials';
import { TokenService } from './auth/token-service';
import { DataverseControl } from './dataverse-control';
import type { DataverseEmulator, DataverseEmulatorOptions } from './dataverse-emulator.types';
import { MetadataRegistry } from './metadata/metadata-registry';
import { registerAdminRoutes } from './routes/admin-routes';
import { registerApiRoutes } from './routes/api-route';
import type { DataverseContext } from './routes/api-types';
import { dataverseServiceShape } from './routes/service-shape';
import { DEFAULT_REQUEST_LIMIT, ServiceProtection } from './routes/service-protection';
import { EnvironmentStore } from './store/environment-store';
import { seedPlatformRows } from './store/platform-rows';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Starts a Dataverse (Dynamics 365) environment emulator on HTTPS (the test CA's certificate): the
 * Web API at `<url>/api/data/v9.2/`, an Entra-like token endpoint at
 * `<url>/<tenant>/oauth2/v2.0/token`, and control routes under `<url>/__emulator/`.
 */
export async function startDataverseEmulator(options: DataverseEmulatorOptions = {}): Promise<DataverseEmulator> {
  const clock = new EmulatorClock();
  const registry = new MetadataRegistry();
  const store = new EnvironmentStore(registry, clock);
  const credentials = await createCredentials();
  seedPlatformRows(store, credentials.clientId, options.pricingDecimalPrecision ?? 2);
  const protection = new ServiceProtection(clock, options.requestLimit ?? DEFAULT_REQUEST_LIMIT);
  let baseUrl = '';
  const tokens = new TokenService(credentials, clock, options.tokenLifetimeMs ?? HOUR_MS, () => baseUrl, () => baseUrl);
  const emulator = new HttpsEmulator(loadServerTls(), dataverseServiceShape(tokens, protection, clock));
  const counters: CallCounters = emulator.counters;
  const ctx: DataverseContext = {
    registry,
    store,
    clock,
    counters,
    settings: { maxPageSize: options.maxPageSize ?? 5000, changeTrackingExpiryDays: options.changeTrackingExpiryDays ?? 7, rejections: new Map() },
    environmentUrl: () => baseUrl,
  };
  const control = new DataverseControl({ emulator, ctx, credentials, tokens, protection });

  emulator.route('POST', '/:tenant/oauth2/v2.0/token', 'token', async (req) => {
    // https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow
    const { status, body } = await tokens.issue(req.params['tenant'] ?? '', new URLSearchParams(req.text()));
    return { status, body, headers: { 'Cache-Control': 'no-store, no-cache', Pragma: 'no-cache' } };
  });
  registerAdminRoutes(emulator, control);
  registerApiRoutes(emulator, { ctx, tokens, protection, authorizeUrl: () => `${baseUrl}/${credentials.tenantId}/oauth2/authorize` });

  baseUrl = await emulator.listen(options.port ?? 0);
  return control;
}
