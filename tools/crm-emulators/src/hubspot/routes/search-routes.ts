import type { HttpsEmulator } from '../../common/https-emulator';
import type { HubSpotPortal } from '../portal';
import { recordJson } from '../store/record-view';
import { runSearch } from '../search/search-engine';
import { parseSearch } from '../search/search-request';
import { apiRoute, bodyOf, json } from './api-route';

/**
 * `POST /crm/v3/objects/{objectType}/search`: filters, one sort, pages of up to 200 by an
 * offset `after`, at most 10,000 results per query (400 past them), `total` of all matches.
 * Archived records are never found. Search has its own rate limit (see `RateLimits`).
 * https://developers.hubspot.com/docs/api/crm/search
 */
export function searchRoutes(server: HttpsEmulator, portal: HubSpotPortal): void {
  server.route(
    'POST',
    '/crm/v3/objects/:objectType/search',
    'search',
    apiRoute(portal, 'search', ({ req, object }) => {
      const request = parseSearch(bodyOf(req));
      const found = runSearch(object, portal.store.list(object), request);
      const page = found.slice(request.offset, request.offset + request.limit);
      const next = request.offset + request.limit;
      return json({
        total: found.length,
        results: page.map((r) => recordJson(object, r, request.properties)),
        ...(next < found.length ? { paging: { next: { after: String(next), link: `?after=${next}` } } } : {}),
      });
    }),
  );
}
