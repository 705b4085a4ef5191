import type { EmulatorResponse, HttpsEmulator } from '../../common/https-emulator';
import { RestError, notFound } from '../errors';
import type { SalesforceOrg } from '../salesforce-org';
import type { SaveResult } from '../store/record-writer';
import { restRecord } from '../store/rest-record-format';
import { canonicalId } from '../util/record-ids';
import { apiRoute, flag, recordsJson } from './route-kit';

/**
 * Single records: create, retrieve, update, delete, upsert by external id.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_retrieve.htm
 */
export function sobjectRowRoutes(server: HttpsEmulator, org: SalesforceOrg): void {
  const base = '/services/data/:version/sobjects/:object';

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_sobject_create.htm
  server.route('POST', base, 'sobject.row', apiRoute(org, ({ req }) => {
    const def = org.schema.get(req.params['object'] as string);
    const [result] = org.writer.create([org.writer.parseJson(def, req.json())], true);
    return saved(result as SaveResult, 201);
  }));

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_retrieve.htm
  server.route('GET', `${base}/:id`, 'sobject.row', apiRoute(org, ({ req, version }) => {
    const def = org.schema.get(req.params['object'] as string);
    const id = canonicalId(req.params['id'] as string);
    const row = id ? org.store.table(def).get(id) : undefined;
    if (!row || row['IsDeleted'] === true) throw notFound();
    const names = (req.url.searchParams.get('fields') ?? '').split(',').filter(Boolean);
    const fields = names.length ? names.map((n) => org.schema.field(def, n) ?? badField(def.name, n)) : def.fields;
    return recordsJson(restRecord(def, row, version, fields, true));
  }));

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_update_fields.htm
  server.route('PATCH', `${base}/:id`, 'sobject.row', apiRoute(org, ({ req }) => {
    const def = org.schema.get(req.params['object'] as string);
    const record = org.writer.parseJson(def, req.json());
    const id = req.params['id'] as string;
    const found = canonicalId(id) ? org.store.table(def).get(canonicalId(id) as string) : undefined;
    if (!found) throw notFound();
    const [result] = org.writer.update([{ ...record, idText: id }], true);
    return result?.success ? { status: 204 } : saved(result as SaveResult, 204);
  }));

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_delete_record.htm
  server.route('DELETE', `${base}/:id`, 'sobject.row', apiRoute(org, ({ req }) => {
    const def = org.schema.get(req.params['object'] as string);
    const [result] = org.writer.delete([req.params['id'] as string], true, def.name);
    if (result?.success) return { status: 204 };
    const error = result?.errors[0];
    const status = error?.statusCode === 'ENTITY_IS_DELETED' || error?.statusCode === 'INVALID_CROSS_REFERENCE_KEY' ? 404 : 400;
    if (status === 404 && error?.statusCode !== 'ENTITY_IS_DELETED') throw notFound();
    return { status, body: (result?.errors ?? []).map((e) => ({ message: e.message, errorCode: e.statusCode, fields: e.fields })) };
  }));

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_upsert.htm
  server.route('PATCH', `${base}/:field/:value`, 'sobject.row', apiRoute(org, ({ req, version }) => {
    const def = org.schema.get(req.params['object'] as string);
    const field = org.schema.field(def, req.params['field'] as string);
    if (!field || !(field.externalId || field.idLookup)) {
      throw new RestError(400, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${req.params['field']}`);
    }
    const value = req.params['value'] as string;
    const table = org.store.table(def);
    const matches = table.lookupUnique(field.name, value).filter((id) => table.get(id)?.['IsDeleted'] !== true);
    if (matches.length > 1) return { status: 300, body: matches.map((id) => `/services/data/${version}/sobjects/${def.name}/${id}`) };
    if (matches.length === 0 && flag(req, 'updateOnly')) throw notFound();
    const record = org.writer.parseJson(def, req.json());
    const [result] = org.writer.upsert([{ ...record, values: [...record.values.filter(([f]) => f !== field), [field, value]] }], field, true);
    return saved(result as SaveResult, result?.created ? 201 : 200);
  }));
}

/** A save result as the single-record resources answer it: the result, or the REST error array. */
function saved(result: SaveResult, status: number): EmulatorResponse {
  if (result.success) return { status, body: result };
  return { status: 400, body: result.errors.map((e) => ({ message: e.message, errorCode: e.statusCode, fields: e.fields })) };
}

function badField(objectName: string, name: string): never {
  throw new RestError(400, 'INVALID_FIELD', `No such column '${name}' on entity '${objectName}'.`);
}
