import { EmulatorClock } from '../../common/clock';
import { RecordLocks } from '../api/record-locks';
import { RestError } from '../errors';
import { OrgSchema } from '../schema/org-schema';
import { runSoql } from '../soql/soql-executor';
import { OrgStore } from '../store/org-store';
import { RecordWriter } from '../store/record-writer';
import type { Row } from '../store/row-types';

/** An org without HTTP, for evaluator and writer tests. */
export function inProcessOrg(now = '2026-03-10T12:00:00.000Z') {
  const clock = new EmulatorClock();
  clock.set(now, true);
  const schema = new OrgSchema(() => clock.nowMs());
  const store = new OrgStore(schema, clock);
  const locks = new RecordLocks();
  const writer = new RecordWriter(schema, store, clock, locks);
  const query = (soql: string, includeDeleted = false): Row[] => {
    const run = runSoql(soql, schema, store, clock.nowMs(), includeDeleted);
    const table = store.table(run.query.def);
    return run.refs.map((ref) => table.resolve(ref));
  };
  const create = (object: string, records: Record<string, unknown>[]): string[] => {
    const def = schema.get(object);
    const results = writer.create(records.map((r) => writer.parseJson(def, r)), true);
    if (results.some((r) => !r.success)) throw new Error(JSON.stringify(results));
    return results.map((r) => r.id as string);
  };
  const queryError = (soql: string): RestError => {
    try {
      runSoql(soql, schema, store, clock.nowMs(), false);
    } catch (error) {
      return error as RestError;
    }
    throw new Error(`no error for ${soql}`);
  };
  return { clock, schema, store, writer, locks, query, create, queryError };
}
