import type { CrmConnector, WriteRecord, WriteRequest, WriteResult } from '@crm-hub/plugin-sdk';
import { fail } from '../conformance-error';
import { defineRule, type RuleSession } from '../rule-session';
import { idsOf, list } from '../sync-messages';

type Operation = WriteRequest['operation'];

/**
 * What is wrong with the results of one write batch (empty when nothing): one result per record,
 * same order, refs echoed, ok as expected, failures with a code, a message and `retryable: false`.
 *
 * @example
 * ```ts
 * resultProblems(records, results, [true, false, true]); // ['result #1 has ref "r3", expected "r1"', …]
 * ```
 */
export function resultProblems(records: readonly WriteRecord[], results: unknown, expectOk: readonly boolean[]): string[] {
  if (!Array.isArray(results)) return [`it returned ${typeof results}, not an array of results`];
  if (results.length !== records.length)
    return [`it returned ${results.length} results for ${records.length} records (one per record, in order)`];
  const problems: string[] = [];
  (results as WriteResult[]).forEach((result, i) => {
    const record = records[i] as WriteRecord;
    const where = `result #${i + 1}`;
    if (result?.ref !== record.ref)
      problems.push(`${where} has ref ${JSON.stringify(result?.ref)}, expected "${record.ref}" (results come in input order)`);
    if (result?.ok !== expectOk[i])
      problems.push(`${where} (ref "${record.ref}") has ok ${JSON.stringify(result?.ok)}, expected ${expectOk[i]}`);
    if (result?.ok === false) {
      const e = result.error;
      if (typeof e?.code !== 'string' || e.code === '' || typeof e.message !== 'string' || e.message === '') {
        problems.push(`${where} failed without a non-empty error code and message`);
      } else if (e.retryable !== false)
        problems.push(`${where} failed with ${e.code} and retryable ${JSON.stringify(e.retryable)}; a rejected record is not retryable`);
    }
  });
  return problems;
}

/** Writes `records` in batches of at most maxBatch, checking each batch's results. */
async function writeAll(
  session: RuleSession,
  connector: CrmConnector,
  operation: Operation,
  records: WriteRecord[],
  expectOk: boolean[],
): Promise<WriteResult[]> {
  const { object, crm, plugin } = session.options;
  const maxBatch = plugin.manifest.capabilities.write.maxBatch;
  const all: WriteResult[] = [];
  for (let start = 0; start < records.length; start += maxBatch) {
    const batch = records.slice(start, start + maxBatch);
    const req: WriteRequest = {
      object,
      operation,
      records: batch,
      ...(operation === 'upsert' ? { matchField: crm.upsertField as string } : {}),
    };
    const what = `write({ operation: '${operation}' }) of ${batch.map((r) => r.ref).join(', ')}`;
    const results = await session.call(what, () => connector.write(req));
    session.scanner.scan(`the results of ${what}`, results);
    const problems = resultProblems(batch, results, expectOk.slice(start, start + maxBatch));
    if (problems.length) fail(`${what}: ${problems.join('; ')}`);
    all.push(...results);
  }
  return all;
}

function idsFrom(results: readonly WriteResult[], what: string, indexes: number[]): string[] {
  return indexes.map((i) => {
    const id = results[i]?.id;
    if (typeof id !== 'string' || id === '') fail(`${what}: result #${i + 1} succeeded without an id`);
    return id;
  });
}

/**
 * Rule `writes` (contract rule 3 and per-record results): for each declared operation, a batch of
 * [valid, invalid, valid] gives three results in order with refs echoed, the invalid one failed
 * with a code, a message and `retryable: false`; inserts return ids; updates and deletes work on
 * them; upsert by `crm.upsertField` creates, then matches. An operation the manifest does not
 * declare is not tried.
 *
 * @example
 * ```ts
 * await writesRule.run(options);
 * ```
 */
export const writesRule = defineRule(
  'writes',
  'returns one result per record in order, with refs, ids, created flags and non-retryable errors for rejects',
  async (session) => {
    const { crm, object, plugin } = session.options;
    const declared = plugin.manifest.capabilities.write;
    if (!declared.insert && !declared.update && !declared.upsert && !declared.delete) return;
    await crm.reset(object);
    const { connector } = await session.open();
    const [gone] = await crm.createRecords(object, 1);
    if (gone === undefined) fail('crm.createRecords() returned no id');
    await crm.deleteRecords(object, [gone]); // a well-formed id the CRM no longer has: what update/delete reject
    const valid = (i: number): Record<string, unknown> => crm.validRecord(object, i);
    const expectOk = [true, false, true];
    let kept: string[] = [];

    let targets: string[];
    if (declared.insert) {
      const records = [
        { ref: 'insert-1', data: valid(1) },
        { ref: 'insert-2', data: crm.invalidRecord(object) },
        { ref: 'insert-3', data: valid(2) },
      ];
      targets = idsFrom(await writeAll(session, connector, 'insert', records, expectOk), 'insert', [0, 2]);
      if (targets[0] === targets[1]) fail(`insert returned the same id ${targets[0]} for two records`);
    } else targets = await crm.createRecords(object, 2);
    const [first, second] = targets as [string, string];

    if (declared.update) {
      const records = [
        { ref: 'update-1', id: first, data: valid(11) },
        { ref: 'update-2', id: gone, data: valid(12) },
        { ref: 'update-3', id: second, data: valid(13) },
      ];
      const results = await writeAll(session, connector, 'update', records, expectOk);
      [0, 2].forEach((i) => {
        if (results[i]?.id !== undefined && results[i]?.id !== records[i]?.id)
          fail(`update result #${i + 1} names id ${results[i]?.id}, not ${records[i]?.id}`);
      });
    }

    if (declared.upsert) {
      const key = crm.upsertField ?? fail('the plugin declares upsert: set crm.upsertField to the external-id field validRecord() fills');
      if (valid(21)[key] === undefined) fail(`crm.validRecord() has no value for the upsert field '${key}'`);
      const records = [
        { ref: 'upsert-1', data: valid(21) },
        { ref: 'upsert-2', data: crm.invalidRecord(object) },
        { ref: 'upsert-3', data: valid(22) },
      ];
      const created = await writeAll(session, connector, 'upsert', records, expectOk);
      const matched = await writeAll(session, connector, 'upsert', records, expectOk);
      const flags = (results: WriteResult[]) => [results[0]?.created, results[2]?.created];
      if (flags(created).some((c) => c !== true))
        fail(`upsert of new keys reported created ${JSON.stringify(flags(created))}, expected [true, true]`);
      if (flags(matched).some((c) => c !== false))
        fail(`upsert of the same keys again reported created ${JSON.stringify(flags(matched))}, expected [false, false]`);
      const firstIds = idsFrom(created, 'upsert', [0, 2]);
      const againIds = idsFrom(matched, 'upsert', [0, 2]);
      if (firstIds.join() !== againIds.join())
        fail(`upserting the same keys again gave ids ${againIds.join(', ')}, not ${firstIds.join(', ')}`);
      kept = firstIds;
    }

    let removed: string[] = [];
    if (declared.delete) {
      const records = [
        { ref: 'delete-1', id: first },
        { ref: 'delete-2', id: gone },
        { ref: 'delete-3', id: second },
      ];
      await writeAll(session, connector, 'delete', records, expectOk);
      removed = [first, second];
    } else kept.push(first, second);

    // The CRM must now hold what the writes said: deleted records gone, the others there.
    const read = await session.read(connector, { object, fields: [] }, { label: 'a full read after the writes' });
    const present = new Set(idsOf(read, 'upsert'));
    const stillThere = removed.filter((id) => present.has(id));
    const lost = kept.filter((id) => !present.has(id));
    if (stillThere.length) fail(`records the delete reported ok are still read: ${list(stillThere)}`);
    if (lost.length) fail(`records the writes reported ok are not read: ${list(lost)}`);
  },
);
