import type { HttpsEmulator } from '../../common/https-emulator';
import type { SalesforceOrg } from '../salesforce-org';
import { apiRoute, json } from './route-kit';

const SEASONS = ['Winter', 'Spring', 'Summer'];

/** Release name of an API version: v53.0 was Winter '22, three releases a year. */
export function releaseLabel(version: string): string {
  const n = Math.floor(Number(version)) - 53;
  return `${SEASONS[((n % 3) + 3) % 3]} '${22 + Math.floor(n / 3)}`;
}

/** Versions list, resources by version, and org limits. */
export function restRootRoutes(server: HttpsEmulator, org: SalesforceOrg): void {
  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_versions.htm (no authentication)
  server.route('GET', '/services/data', 'versions', () =>
    json(org.options.apiVersions.map((version) => ({ label: releaseLabel(version), url: `/services/data/v${version}`, version }))),
  );

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_discoveryresource.htm
  server.route('GET', '/services/data/:version', 'resources', apiRoute(org, ({ version }) => {
    const base = `/services/data/${version}`;
    const names = ['sobjects', 'query', 'queryAll', 'limits', 'composite', 'jobs/ingest', 'jobs/query', 'search', 'recent', 'tooling'];
    return json({ ...Object.fromEntries(names.map((n) => [n, `${base}/${n}`])), identity: `${org.loginUrl}/id/${org.store.orgId}/${org.store.userId}` });
  }));

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_limits.htm
  server.route('GET', '/services/data/:version/limits', 'limits', apiRoute(org, () => {
    const limit = (max: number, used = 0) => ({ Max: max, Remaining: Math.max(0, max - used) });
    return json({
      ConcurrentAsyncGetReportInstances: limit(200),
      ConcurrentSyncReportRuns: limit(20),
      DailyApiRequests: limit(org.usage.limit, org.usage.used),
      DailyAsyncApexExecutions: limit(250000),
      DailyBulkApiBatches: limit(15000, org.bulk.ingestBatchesLast24h()),
      DailyBulkV2QueryFileStorageMB: limit(976562),
      DailyBulkV2QueryJobs: limit(10000, org.bulk.queryJobsLast24h()),
      DataStorageMB: limit(1024),
      FileStorageMB: limit(2048),
      HourlyODataCallout: limit(10000),
      SingleEmail: limit(5000),
    });
  }));
}
