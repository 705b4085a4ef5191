import type { HttpsEmulator } from '../../common/https-emulator';
import { invalidInput, recordNotFound } from '../errors';
import type { HubSpotPortal } from '../portal';
import { checkWrites } from '../store/record-writes';
import { askedProperties, recordJson } from '../store/record-view';
import { apiRoute, bodyOf, json } from './api-route';

/** List pages hold at most 100 records. */
export const MAX_LIST_LIMIT = 100;

/** The list cursor: opaque to clients, as HubSpot's is (`NTI1Cg%3D%3D` is base64 of `525\n`). */
export const encodeAfter = (id: string): string => Buffer.from(`${id}\n`).toString('base64');
const decodeAfter = (after: string): number => {
  const id = Number(Buffer.from(after, 'base64').toString('utf8').trim());
  if (!Number.isSafeInteger(id)) throw invalidInput(`Invalid value for after: ${after}`);
  return id;
};

/**
 * The basic object endpoints: list (pages of at most 100 in id order, an `after` cursor,
 * `archived=true` for deleted records), read one (by id or `idProperty`), create, update and
 * archive one.
 * https://developers.hubspot.com/docs/api/crm/understanding-the-crm
 */
export function objectRoutes(server: HttpsEmulator, portal: HubSpotPortal): void {
  const { store } = portal;
  const base = '/crm/v3/objects/:objectType';

  server.route(
    'GET',
    base,
    'objects.list',
    apiRoute(portal, 'api', ({ req, object }) => {
      const params = req.url.searchParams;
      const limit = Number(params.get('limit') ?? '10');
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) throw invalidInput(`limit must be between 1 and ${MAX_LIST_LIMIT}`);
      const after = params.get('after');
      const from = after ? decodeAfter(after) : Number.NEGATIVE_INFINITY;
      const all = store.list(object, params.get('archived') === 'true').filter((r) => Number(r.id) > from);
      const page = all.slice(0, limit);
      const asked = askedProperties(params);
      const last = page[page.length - 1];
      const next = all.length > limit && last ? encodeAfter(last.id) : undefined;
      return json({
        results: page.map((r) => recordJson(object, r, asked)),
        ...(next ? { paging: { next: { after: next, link: `${req.url.origin}${req.url.pathname}?after=${encodeURIComponent(next)}` } } } : {}),
      });
    }),
  );

  server.route(
    'GET',
    `${base}/:id`,
    'objects.get',
    apiRoute(portal, 'api', ({ req, object }) => {
      const params = req.url.searchParams;
      const idProperty = params.get('idProperty') ?? 'hs_object_id';
      const archived = params.get('archived') === 'true';
      const id = req.params['id'] as string;
      const record = idProperty === 'hs_object_id' ? store.get(object, id, archived) : archived ? undefined : store.findBy(object, idProperty, id);
      if (!record) throw recordNotFound();
      return json(recordJson(object, record, askedProperties(params)));
    }),
  );

  server.route(
    'POST',
    base,
    'objects.create',
    apiRoute(portal, 'api', ({ req, object }) => {
      const [write] = checkWrites(store, object, [{ properties: bodyOf(req)['properties'], create: true }]);
      return json(recordJson(object, store.create(object, write?.values ?? {}), undefined), 201);
    }),
  );

  server.route(
    'PATCH',
    `${base}/:id`,
    'objects.update',
    apiRoute(portal, 'api', ({ req, object }) => {
      const record = store.get(object, req.params['id'] as string);
      if (!record) throw recordNotFound();
      const [write] = checkWrites(store, object, [{ properties: bodyOf(req)['properties'], id: record.id, create: false }]);
      store.update(record, write?.values ?? {});
      return json(recordJson(object, record, undefined));
    }),
  );

  server.route(
    'DELETE',
    `${base}/:id`,
    'objects.archive',
    apiRoute(portal, 'api', ({ req, object }) => {
      const record = store.get(object, req.params['id'] as string);
      if (record) store.archive(record);
      return { status: 204 };
    }),
  );
}
