import type { EmulatorRequest, EmulatorResponse, HttpsEmulator } from '../../common/https-emulator';
import type { SalesforceOrg } from '../salesforce-org';
import { globalDescribe, sobjectDescribe } from '../schema/sobject-describe-builder';
import { apiRoute, json } from './route-kit';

/**
 * Metadata: describeGlobal, sObject describe (both honour If-Modified-Since with 304), sObject basic info.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_describeGlobal.htm
 */
export function describeRoutes(server: HttpsEmulator, org: SalesforceOrg): void {
  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_describeGlobal.htm
  server.route('GET', '/services/data/:version/sobjects', 'describeGlobal', apiRoute(org, ({ req, version }) => {
    const unchanged = notModified(req, org.schema.lastModified());
    if (unchanged) return unchanged;
    return json({ encoding: 'UTF-8', maxBatchSize: 200, sobjects: org.schema.objects().map((def) => globalDescribe(def, version)) });
  }));

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm
  server.route('GET', '/services/data/:version/sobjects/:object/describe', 'describe', apiRoute(org, ({ req, version }) => {
    const def = org.schema.get(req.params['object'] as string);
    const unchanged = notModified(req, org.schema.lastModified(def));
    if (unchanged) return unchanged;
    return json(sobjectDescribe(def, org.schema.objects(), version, org.instanceUrl));
  }));

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_basic_info.htm
  server.route('GET', '/services/data/:version/sobjects/:object', 'sobject.info', apiRoute(org, ({ req, version }) => {
    // recentItems are what the API user viewed in the UI: an integration user has viewed nothing.
    const def = org.schema.get(req.params['object'] as string);
    return json({ objectDescribe: globalDescribe(def, version), recentItems: [] });
  }));
}

/**
 * 304 when the metadata did not change since the client's If-Modified-Since. HTTP dates have whole
 * seconds: a change within the second named counts as a change (never a false 304).
 */
function notModified(req: EmulatorRequest, lastModifiedMs: number): EmulatorResponse | undefined {
  const header = req.headers['if-modified-since'];
  const since = header ? Date.parse(header) : NaN;
  return !Number.isNaN(since) && lastModifiedMs < since ? { status: 304 } : undefined;
}
