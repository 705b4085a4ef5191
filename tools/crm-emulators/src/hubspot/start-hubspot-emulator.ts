import { HttpsEmulator } from '../common/https-emulator';
import { loadServerTls } from '../common/tls-files';
import { HubSpotControl } from './hubspot-control';
import type { HubSpotEmulator } from './hubspot-emulator.types';
import { HubSpotPortal, type HubSpotEmulatorOptions } from './portal';
import { adminRoutes } from './routes/admin-routes';
import { batchRoutes } from './routes/batch-routes';
import { metadataRoutes } from './routes/metadata-routes';
import { oauthRoutes } from './routes/oauth-routes';
import { objectRoutes } from './routes/object-routes';
import { searchRoutes } from './routes/search-routes';
import { hubspotServiceShape } from './routes/service-shape';

/**
 * Starts a HubSpot portal emulator on HTTPS (the test CA's certificate): the CRM v3 API
 * (objects, batch, search, properties, schemas), the OAuth token endpoint and the account
 * details at `<url>/…` as at `https://api.hubapi.com/…`, and control routes under
 * `<url>/__emulator/`.
 *
 * @example
 * ```ts
 * const hs = await startHubSpotEmulator();
 * hs.seed('contacts', 500);
 * const client = new Client({ accessToken: hs.credentials.privateAppToken, basePath: hs.url });
 * ```
 */
export async function startHubSpotEmulator(options: HubSpotEmulatorOptions = {}): Promise<HubSpotEmulator> {
  const portal = new HubSpotPortal(options);
  const server = new HttpsEmulator(loadServerTls(), hubspotServiceShape(portal));
  const control = new HubSpotControl(server, portal);
  oauthRoutes(server, portal);
  metadataRoutes(server, portal);
  searchRoutes(server, portal);
  batchRoutes(server, portal);
  objectRoutes(server, portal);
  adminRoutes(server, control);
  await server.listen(options.port ?? 0);
  return control;
}
