import type { HttpsEmulator } from '../../common/https-emulator';
import { HubSpotError } from '../errors';
import type { HubSpotPortal } from '../portal';
import { EMULATED_PORTAL_ID } from '../schema/object-definition';
import { publicProperty } from '../schema/property-types';
import { apiRoute, json } from './api-route';

/**
 * Metadata: `GET /crm/v3/properties/{objectType}` (and one property), `GET /crm/v3/schemas`
 * (custom objects) and one schema, and the account's details (`/account-info/v3/details`).
 * https://developers.hubspot.com/docs/api/crm/properties
 * https://developers.hubspot.com/docs/api/crm/crm-custom-objects
 * https://developers.hubspot.com/docs/api/settings/account-information-api
 */
export function metadataRoutes(server: HttpsEmulator, portal: HubSpotPortal): void {
  const { registry } = portal;
  server.route(
    'GET',
    '/crm/v3/properties/:objectType',
    'properties',
    apiRoute(portal, 'api', ({ object }) => json({ results: object.properties.map(publicProperty) })),
  );
  server.route(
    'GET',
    '/crm/v3/properties/:objectType/:name',
    'properties',
    apiRoute(portal, 'api', ({ req, object }) => {
      const property = registry.property(object, req.params['name'] as string);
      if (!property) throw new HubSpotError(404, 'OBJECT_NOT_FOUND', `Unable to find property ${req.params['name']} on ${object.plural}`);
      return json(publicProperty(property));
    }),
  );
  // `/crm/v3/schemas` and `/crm-object-schemas/v3/schemas` (what @hubspot/api-client 13 calls) are the same API.
  for (const base of ['/crm/v3/schemas', '/crm-object-schemas/v3/schemas']) {
    server.route('GET', base, 'schemas', apiRoute(portal, 'api', () => json({ results: registry.customSchemas() })));
    server.route(
      'GET',
      `${base}/:objectType`,
      'schemas',
      apiRoute(portal, 'api', ({ object }) => {
        if (!object.custom) throw new HubSpotError(404, 'OBJECT_NOT_FOUND', `${object.name} is not a custom object`);
        return json(registry.schemaJson(object));
      }),
    );
  }
  server.route(
    'GET',
    '/account-info/v3/details',
    'account',
    apiRoute(portal, 'api', () =>
      json({
        portalId: EMULATED_PORTAL_ID,
        accountType: 'STANDARD',
        timeZone: 'Europe/Rome',
        companyCurrency: 'EUR',
        additionalCurrencies: [],
        utcOffset: '+01:00',
        utcOffsetMilliseconds: 3_600_000,
        uiDomain: 'app-eu1.hubspot.com',
        dataHostingLocation: 'eu1',
      }),
    ),
  );
}
