import type { CrmConnector, WriteRecord, WriteRequest, WriteResult } from '@crm-hub/plugin-sdk';
import { fail } from '../conformance-error';
import type { RuleSession } from '../rule-session';

/**
 * A write operation.
 *
 * @example
 * ```ts
 * const op: Operation = 'upsert';
 * ```
 */
export type Operation = WriteRequest['operation'];

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

/**
 * Writes `records` in batches of at most `maxBatch`, checking each batch's results (see
 * {@link resultProblems}); upserts match on `crm.upsertField`.
 *
 * @example
 * ```ts
 * const results = await writeAll(session, connector, 'insert', records, [true, false, true]);
 * ```
 */
export async function writeAll(
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

/**
 * The ids of the results at `indexes`, failing when one succeeded without an id.
 *
 * @example
 * ```ts
 * const [first, second] = idsFrom(results, 'insert', [0, 2]);
 * ```
 */
export function idsFrom(results: readonly WriteResult[], what: string, indexes: number[]): string[] {
  return indexes.map((i) => {
    const id = results[i]?.id;
    if (typeof id !== 'string' || id === '') fail(`${what}: result #${i + 1} succeeded without an id`);
    return id;
  });
}
