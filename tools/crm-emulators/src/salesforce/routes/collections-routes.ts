import type { HttpsEmulator } from '../../common/https-emulator';
import { RestError } from '../errors';
import type { SalesforceOrg } from '../salesforce-org';
import type { IncomingRecord } from '../store/record-writer';
import { restRecord } from '../store/rest-record-format';
import { canonicalId } from '../util/record-ids';
import { apiRoute, flag, json, recordsJson } from './route-kit';

const MAX_RECORDS = 200;

interface CollectionBody {
  allOrNone?: boolean;
  records?: Record<string, unknown>[];
}

/**
 * sObject Collections: create / update (mixed types), delete by ids, upsert by external id, retrieve.
 * HTTP 200 with one result per record, in request order.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections.htm
 */
export function collectionsRoutes(server: HttpsEmulator, org: SalesforceOrg): void {
  const parse = (body: CollectionBody, objectName?: string): IncomingRecord[] => {
    const records = body.records;
    if (!Array.isArray(records)) throw new RestError(400, 'JSON_PARSER_ERROR', 'The request body must contain a records array');
    tooMany(records.length);
    return records.map((record) => {
      const type = (record['attributes'] as { type?: unknown } | undefined)?.type;
      if (typeof type !== 'string') throw new RestError(400, 'INVALID_TYPE', 'Must send a concrete entity type.');
      const def = org.schema.find(type);
      if (!def || (objectName && def.name !== objectName)) throw new RestError(400, 'INVALID_TYPE', `sObject type '${type}' is not supported.`);
      return org.writer.parseJson(def, record);
    });
  };

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_create.htm
  server.route('POST', '/services/data/:version/composite/sobjects', 'composite.sobjects', apiRoute(org, ({ req }) => {
    const body = req.json<CollectionBody>();
    return json(org.writer.create(parse(body), body.allOrNone === true));
  }));

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_update.htm
  server.route('PATCH', '/services/data/:version/composite/sobjects', 'composite.sobjects', apiRoute(org, ({ req }) => {
    const body = req.json<CollectionBody>();
    return json(org.writer.update(parse(body), body.allOrNone === true));
  }));

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_delete.htm
  server.route('DELETE', '/services/data/:version/composite/sobjects', 'composite.sobjects', apiRoute(org, ({ req }) => {
    const ids = (req.url.searchParams.get('ids') ?? '').split(',').filter(Boolean);
    tooMany(ids.length);
    return json(org.writer.delete(ids, flag(req, 'allOrNone')));
  }));

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_upsert.htm
  server.route('PATCH', '/services/data/:version/composite/sobjects/:object/:field', 'composite.sobjects', apiRoute(org, ({ req }) => {
    const def = org.schema.get(req.params['object'] as string);
    const field = org.schema.field(def, req.params['field'] as string);
    if (!field || !(field.externalId || field.name === 'Id')) {
      throw new RestError(400, 'INVALID_FIELD', `Field name provided, ${req.params['field']} is not an External ID or indexed field for ${def.name}`);
    }
    const body = req.json<CollectionBody>();
    return json(org.writer.upsert(parse(body, def.name), field, body.allOrNone === true));
  }));

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_retrieve.htm
  const retrieve = apiRoute(org, ({ req, version }) => {
    const def = org.schema.get(req.params['object'] as string);
    const body = req.method === 'POST' ? req.json<{ ids?: string[]; fields?: string[] }>() : undefined;
    const ids = body?.ids ?? (req.url.searchParams.get('ids') ?? '').split(',').filter(Boolean);
    const names = body?.fields ?? (req.url.searchParams.get('fields') ?? '').split(',').filter(Boolean);
    tooMany(ids.length);
    const fields = names.map((name) => {
      const field = org.schema.field(def, name);
      if (!field) throw new RestError(400, 'INVALID_FIELD', `No such column '${name}' on entity '${def.name}'.`);
      return field;
    });
    const table = org.store.table(def);
    return recordsJson(ids.map((text) => {
      const id = canonicalId(text);
      const row = id ? table.get(id) : undefined;
      return row && row['IsDeleted'] !== true ? restRecord(def, row, version, fields, true) : null;
    }));
  });
  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_retrieve.htm
  server.route('GET', '/services/data/:version/composite/sobjects/:object', 'composite.sobjects', retrieve);
  // (same page: POST carries the ids and fields in the body)
  server.route('POST', '/services/data/:version/composite/sobjects/:object', 'composite.sobjects', retrieve);
}

function tooMany(count: number): void {
  if (count > MAX_RECORDS) throw new RestError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`);
}
