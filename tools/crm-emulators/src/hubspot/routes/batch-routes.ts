import type { HttpsEmulator } from '../../common/https-emulator';
import { HubSpotError, invalidInput } from '../errors';
import type { HubSpotPortal } from '../portal';
import type { ObjectDefinition } from '../schema/object-definition';
import type { StoredRecord } from '../store/object-store';
import { checkWrites, uniqueProperties } from '../store/record-writes';
import { recordJson } from '../store/record-view';
import { apiRoute, bodyOf, json } from './api-route';

/** Inputs one batch call may carry. */
export const MAX_BATCH_INPUTS = 100;

interface BatchInput {
  id?: unknown;
  idProperty?: unknown;
  properties?: unknown;
  objectWriteTraceId?: unknown;
}

/**
 * The batch endpoints: read, create, update, upsert and archive of at most 100 inputs. Values
 * are validated for the whole request first (one invalid value: 400 and nothing written); ids
 * that do not exist (or are archived) make read and update answer 207 Multi-Status with an
 * `OBJECT_NOT_FOUND` error listing them in `context.ids`, the other inputs done. Results come
 * in no particular order (here: the reverse of the inputs), each with the input's
 * `objectWriteTraceId` when it had one. Archive answers 204 whatever the ids.
 * https://developers.hubspot.com/docs/api/crm/understanding-the-crm#batch-endpoints
 */
export function batchRoutes(server: HttpsEmulator, portal: HubSpotPortal): void {
  const { store, clock } = portal;
  const route = (op: string, handler: (object: ObjectDefinition, inputs: BatchInput[], body: Record<string, unknown>, archived: boolean) => { status: number; body?: object }) =>
    server.route(
      'POST',
      `/crm/v3/objects/:objectType/batch/${op}`,
      `batch.${op}`,
      apiRoute(portal, 'api', ({ req, object }) => {
        const startedAt = clock.now().toISOString();
        const body = bodyOf(req);
        const inputs = body['inputs'];
        if (!Array.isArray(inputs)) throw invalidInput('inputs must be an array');
        if (inputs.length > MAX_BATCH_INPUTS) throw invalidInput(`Too many inputs: ${inputs.length}. A batch takes at most ${MAX_BATCH_INPUTS}.`, 'TOO_MANY_INPUTS');
        const answer = handler(object, inputs as BatchInput[], body, req.url.searchParams.get('archived') === 'true');
        return answer.body ? json({ ...answer.body, startedAt, completedAt: clock.now().toISOString() }, answer.status) : { status: answer.status };
      }),
    );
  const traced = (input: BatchInput) => (typeof input.objectWriteTraceId === 'string' ? { objectWriteTraceId: input.objectWriteTraceId } : {});
  // Write answers show the object's default properties and those the input set.
  const written = (object: ObjectDefinition, input: BatchInput, also: string[] = []) => [
    ...object.defaultProperties,
    ...Object.keys(typeof input.properties === 'object' && input.properties !== null ? input.properties : {}),
    ...also,
  ];
  const outcome = (object: ObjectDefinition, results: object[], missing: string[]) =>
    missing.length
      ? { status: 207, body: { status: 'COMPLETE', results, numErrors: 1, errors: [notFoundError(object, missing)] } }
      : { status: 200, body: { status: 'COMPLETE', results } };

  route('read', (object, inputs, body, archived) => {
    const idProperty = typeof body['idProperty'] === 'string' ? body['idProperty'] : 'hs_object_id';
    const asked = Array.isArray(body['properties']) ? (body['properties'] as string[]) : undefined;
    const results: object[] = [];
    const missing: string[] = [];
    for (const input of inputs) {
      const id = String(input.id ?? '');
      const record = idProperty === 'hs_object_id' ? store.get(object, id, archived) : store.findBy(object, idProperty, id);
      if (record) results.push(recordJson(object, record, asked));
      else missing.push(id);
    }
    return outcome(object, results, missing);
  });

  route('create', (object, inputs) => {
    const planned = checkWrites(store, object, inputs.map((i) => ({ properties: i.properties, create: true })));
    const created = planned.map((p, i) => recordJson(object, store.create(object, p.values), written(object, inputs[i] as BatchInput), traced(inputs[i] as BatchInput)));
    return { status: 201, body: { status: 'COMPLETE', results: created.reverse() } };
  });

  route('update', (object, inputs) => {
    duplicates(inputs.map((i) => String(i.id ?? '')));
    const found = inputs.map((i) => store.get(object, String(i.id ?? '')));
    const planned = checkWrites(store, object, inputs.map((i, n) => ({ properties: i.properties, create: false, ...(found[n] ? { id: found[n]?.id } : {}) })));
    const results: object[] = [];
    const missing: string[] = [];
    planned.forEach((p, n) => {
      const record = found[n];
      if (!record) return void missing.push(String(inputs[n]?.id ?? ''));
      store.update(record, p.values);
      results.push(recordJson(object, record, written(object, inputs[n] as BatchInput), traced(inputs[n] as BatchInput)));
    });
    return outcome(object, results.reverse(), missing);
  });

  route('upsert', (object, inputs) => {
    const keys = new Set(uniqueProperties(object));
    for (const input of inputs) {
      if (typeof input.idProperty !== 'string' || !keys.has(input.idProperty)) {
        throw invalidInput(`idProperty ${String(input.idProperty)} is not a unique-value property of ${object.plural}`, 'INVALID_ID_PROPERTY');
      }
    }
    duplicates(inputs.map((i) => `${String(i.idProperty)}=${String(i.id)}`));
    const found = inputs.map((i) => store.findBy(object, i.idProperty as string, String(i.id ?? '')));
    const planned = checkWrites(
      store,
      object,
      inputs.map((i, n) => ({ properties: { ...(i.properties as object), [i.idProperty as string]: i.id }, create: !found[n], ...(found[n] ? { id: found[n]?.id } : {}) })),
    );
    const results = planned.map((p, n) => {
      const existing = found[n];
      const record: StoredRecord = existing ?? store.create(object, p.values);
      if (existing) store.update(existing, p.values);
      return recordJson(object, record, written(object, inputs[n] as BatchInput, [inputs[n]?.idProperty as string]), { new: !existing, ...traced(inputs[n] as BatchInput) });
    });
    return { status: 200, body: { status: 'COMPLETE', results: results.reverse() } };
  });

  route('archive', (object, inputs) => {
    for (const input of inputs) {
      const record = store.get(object, String(input.id ?? ''));
      if (record) store.archive(record);
    }
    return { status: 204 };
  });
}

function notFoundError(object: ObjectDefinition, ids: string[]): object {
  return {
    status: 'error',
    category: 'OBJECT_NOT_FOUND',
    message: `Could not get some ${object.errorName} objects, they may be deleted or not exist. Check that ids are valid.`,
    context: { ids },
    errors: [],
    links: {},
  };
}

function duplicates(keys: string[]): void {
  const twice = keys.filter((k, i) => keys.indexOf(k) !== i);
  if (twice.length) throw new HubSpotError(400, 'VALIDATION_ERROR', `Duplicate IDs found in batch input: [${[...new Set(twice)].join(', ')}]. IDs must be unique`);
}
