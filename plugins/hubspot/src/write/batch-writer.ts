import type { CrmField, WriteRecord, WriteRequest, WriteResult } from '@crm-hub/plugin-sdk';
import { HubSpotRequestError } from '../http/errors';
import type { HubSpotApi } from '../http/hubspot-api';
import type { DescribedObject } from '../metadata/catalog';
import { ID_PROPERTY } from '../metadata/field-mapping';
import type { HubSpotRecord } from '../metadata/hubspot-types';
import { errorOf, isRecordLevel, notFound, refusedLocally } from './write-results';
import { propertiesOf, toHubSpot } from './write-values';

/** Inputs one batch call takes. */
export const BATCH_SIZE = 100;

/** A record ready to send: its position in the request, and the batch input. */
interface Prepared {
  index: number;
  input: Record<string, unknown>;
}

type Op = 'create' | 'update' | 'upsert';

/**
 * Writes records through HubSpot's batch endpoints, 100 per call, one result per record in
 * order. Batch results come in no particular order: each input carries `objectWriteTraceId`
 * (its position), which HubSpot echoes. Updates of records that do not exist come back in a 207
 * Multi-Status as `OBJECT_NOT_FOUND` (listed in `context.ids`): those records fail with
 * `notFound`, the others are written. HubSpot refuses a whole create, update or upsert batch
 * when one record's values are invalid (400 VALIDATION_ERROR, 409 CONFLICT; nothing written):
 * the batch is split in halves until the refused records stand alone and fail with HubSpot's
 * code. Deletes first read the records (batch read), because archiving answers 204 whatever the
 * ids: records already gone fail with `notFound` (hosts count them as deleted), the others are
 * archived.
 * https://developers.hubspot.com/docs/api/crm/understanding-the-crm#batch-endpoints
 *
 * @example
 * ```ts
 * const results = await writeRecords(api, described, { object: 'contacts', operation: 'insert', records }, signal);
 * ```
 */
export async function writeRecords(api: HubSpotApi, described: DescribedObject, req: WriteRequest, signal: AbortSignal): Promise<WriteResult[]> {
  const results: (WriteResult | undefined)[] = new Array(req.records.length);
  for (let start = 0; start < req.records.length; start += BATCH_SIZE) {
    const chunk = req.records.slice(start, start + BATCH_SIZE).map((record, i) => ({ record, index: start + i }));
    if (req.operation === 'delete') await remove(api, described, chunk, results, signal);
    else {
      const op: Op = req.operation === 'insert' ? 'create' : req.operation;
      const prepared = chunk.flatMap(({ record, index }) => {
        const made = prepare(described.fields, op, record, req.matchField);
        if ('error' in made) results[index] = made.error;
        return 'input' in made ? [{ index, input: made.input }] : [];
      });
      for (const round of rounds(prepared, op)) await send(api, described, op, round, req.records, results, signal);
    }
  }
  return results.map((r, i) => r ?? refusedLocally(req.records[i]?.ref ?? String(i), 'NO_RESULT', 'HubSpot answered without a result for this record'));
}

function prepare(fields: ReadonlyMap<string, CrmField>, op: Op, record: WriteRecord, matchField: string | undefined): { input: Record<string, unknown> } | { error: WriteResult } {
  try {
    if (op === 'update' && !record.id) return { error: refusedLocally(record.ref, 'MISSING_ID', 'An update needs the record id') };
    if (op !== 'upsert') return { input: { ...(op === 'update' ? { id: record.id } : {}), properties: propertiesOf(fields, record.data) } };
    const key = matchField ?? ID_PROPERTY;
    const value = record.data?.[key];
    if (value === undefined || value === null || value === '') return { error: refusedLocally(record.ref, 'MISSING_MATCH_VALUE', `The upsert key '${key}' has no value`, [key]) };
    return { input: { idProperty: key, id: toHubSpot(fields.get(key), value), properties: propertiesOf(fields, record.data, [key]) } };
  } catch (error) {
    return { error: refusedLocally(record.ref, 'INVALID_VALUE', error instanceof Error ? error.message : String(error)) };
  }
}

/** Splits records so that no batch names one id (or upsert key) twice, which HubSpot refuses as a whole. */
function rounds(prepared: Prepared[], op: Op): Prepared[][] {
  if (op === 'create') return [prepared];
  const out: Prepared[][] = [];
  for (const p of prepared) {
    const key = String(p.input['id']);
    const round = out.find((r) => !r.some((q) => String(q.input['id']) === key));
    if (round) round.push(p);
    else out.push([p]);
  }
  return out;
}

async function send(api: HubSpotApi, described: DescribedObject, op: Op, batch: Prepared[], records: WriteRecord[], results: (WriteResult | undefined)[], signal: AbortSignal): Promise<void> {
  if (batch.length === 0) return;
  const ref = (p: Prepared) => records[p.index]?.ref ?? String(p.index);
  let body: { results?: HubSpotRecord[]; errors?: { category?: string; context?: { ids?: string[] } }[] };
  try {
    // https://developers.hubspot.com/docs/api/crm/understanding-the-crm#batch-endpoints
    ({ body } = await api.send({
      kind: `batch.${op}`,
      method: 'POST',
      path: `/crm/v3/objects/${encodeURIComponent(described.info.typeId)}/batch/${op}`,
      body: { inputs: batch.map((p) => ({ ...p.input, objectWriteTraceId: String(p.index) })) },
      // An upsert or update repeated after a lost answer writes the same values again; a create would duplicate.
      idempotent: op !== 'create',
      signal,
    }));
  } catch (error) {
    if (!(error instanceof HubSpotRequestError)) throw error;
    if (batch.length > 1 && isRecordLevel(error.body)) {
      const half = Math.ceil(batch.length / 2);
      await send(api, described, op, batch.slice(0, half), records, results, signal);
      await send(api, described, op, batch.slice(half), records, results, signal);
      return;
    }
    for (const p of batch) results[p.index] = { ref: ref(p), ok: false, error: errorOf(error.body) };
    return;
  }
  const byTrace = new Map((body.results ?? []).map((r) => [r.objectWriteTraceId, r]));
  const byId = new Map((body.results ?? []).map((r) => [r.id, r]));
  const missing = new Set((body.errors ?? []).filter((e) => e.category === 'OBJECT_NOT_FOUND').flatMap((e) => e.context?.ids ?? []));
  for (const p of batch) {
    const done = byTrace.get(String(p.index)) ?? (op === 'update' ? byId.get(String(p.input['id'])) : undefined);
    if (done) results[p.index] = { ref: ref(p), ok: true, id: done.id, created: op === 'create' || (op === 'upsert' && done.new === true) };
    else if (op === 'update' && missing.has(String(p.input['id']))) results[p.index] = notFound(ref(p), String(p.input['id']));
    else {
      const other = (body.errors ?? []).find((e) => e.context?.ids?.includes(String(p.input['id'])));
      results[p.index] = refusedLocally(ref(p), other?.category ?? 'NO_RESULT', 'HubSpot did not write this record');
    }
  }
}

async function remove(api: HubSpotApi, described: DescribedObject, chunk: { record: WriteRecord; index: number }[], results: (WriteResult | undefined)[], signal: AbortSignal): Promise<void> {
  const path = `/crm/v3/objects/${encodeURIComponent(described.info.typeId)}/batch`;
  const ids = chunk.flatMap(({ record, index }) => {
    if (record.id) return [record.id];
    results[index] = refusedLocally(record.ref, 'MISSING_ID', 'A delete needs the record id');
    return [];
  });
  if (ids.length === 0) return;
  // https://developers.hubspot.com/docs/api/crm/understanding-the-crm#batch-endpoints (read: 207 lists the ids it cannot find)
  const { body } = await api.send<{ results: HubSpotRecord[] }>({
    kind: 'batch.read',
    method: 'POST',
    path: `${path}/read`,
    body: { inputs: [...new Set(ids)].map((id) => ({ id })), properties: [ID_PROPERTY], propertiesWithHistory: [] },
    idempotent: true,
    signal,
  });
  const live = new Set(body.results.map((r) => r.id));
  const doomed = [...live];
  if (doomed.length) {
    // Archive answers 204 without per-record results (repeating it is harmless).
    await api.send({ kind: 'batch.archive', method: 'POST', path: `${path}/archive`, body: { inputs: doomed.map((id) => ({ id })) }, idempotent: true, signal });
  }
  for (const { record, index } of chunk) {
    if (!record.id) continue;
    results[index] = live.has(record.id) ? { ref: record.ref, ok: true, id: record.id } : notFound(record.ref, record.id);
  }
}
