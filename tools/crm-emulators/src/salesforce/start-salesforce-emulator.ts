import { HttpsEmulator } from '../common/https-emulator';
import { loadServerTls } from '../common/tls-files';
import { emulatorCredentials } from './auth/emulator-credentials';
import { adminRoutes } from './routes/admin-routes';
import { bulkIngestRoutes } from './routes/bulk-ingest-routes';
import { bulkQueryRoutes } from './routes/bulk-query-routes';
import { collectionsRoutes } from './routes/collections-routes';
import { describeRoutes } from './routes/describe-routes';
import { oauthRoutes } from './routes/oauth-routes';
import { queryRoutes } from './routes/query-routes';
import { replicationRoutes } from './routes/replication-routes';
import { restRootRoutes } from './routes/rest-root-routes';
import { sobjectRowRoutes } from './routes/sobject-row-routes';
import { SalesforceEmulatorControl } from './salesforce-emulator-control';
import type { SalesforceEmulator, SalesforceEmulatorOptions } from './salesforce-emulator.types';
import { SalesforceOrg } from './salesforce-org';
import { salesforceShape } from './salesforce-service-shape';

/**
 * Starts an HTTPS server that answers like a Salesforce org (REST, Bulk API 2.0, OAuth) on
 * `https://localhost:<port>`, with its certificate signed by the per-run test CA.
 *
 * @example
 * const sf = await startSalesforceEmulator({ queryPageSize: 500 });
 * sf.seed('Account', 10_000, { sameModstampEvery: 100 });
 * const conn = new jsforce.Connection({ loginUrl: sf.url, version: '62.0' });
 * await conn.authorize({ grant_type: 'client_credentials' }); // with oauth2 { clientId, clientSecret } from sf.credentials
 */
export async function startSalesforceEmulator(options: SalesforceEmulatorOptions = {}): Promise<SalesforceEmulator> {
  const tls = loadServerTls(options.tlsDir);
  const org = new SalesforceOrg(options, await emulatorCredentials(options.credentials));
  const server = new HttpsEmulator(tls, salesforceShape(org));
  const control = new SalesforceEmulatorControl(org, server);
  // Order matters where paths overlap: specific sObject resources before `/sobjects/:object/:id`.
  adminRoutes(server, control);
  oauthRoutes(server, org);
  restRootRoutes(server, org);
  replicationRoutes(server, org);
  describeRoutes(server, org);
  queryRoutes(server, org);
  collectionsRoutes(server, org);
  bulkQueryRoutes(server, org);
  bulkIngestRoutes(server, org);
  sobjectRowRoutes(server, org);
  const url = await server.listen(options.port ?? 0);
  org.listening(Number(new URL(url).port));
  return control;
}
