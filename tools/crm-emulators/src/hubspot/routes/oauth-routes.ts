import type { HttpsEmulator } from '../../common/https-emulator';
import type { HubSpotPortal } from '../portal';

/**
 * `POST /oauth/v1/token` (form-encoded): the refresh-token grant of HubSpot's OAuth 2.0, on the
 * same host as the API. Not rate limited as API calls are; counted as `token`.
 * https://developers.hubspot.com/docs/api/oauth/refresh-access-token
 */
export function oauthRoutes(server: HttpsEmulator, portal: HubSpotPortal): void {
  server.route('POST', '/oauth/v1/token', 'token', (req) => {
    const { status, body } = portal.auth.refresh(new URLSearchParams(req.text()));
    return { status, body, headers: { 'Cache-Control': 'no-store' } };
  });
}
