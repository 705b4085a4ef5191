import type { CrmConnector, CrmField } from '@crm-hub/plugin-sdk';
import { sameCanonicalValue, showValue } from '../canonical-compare';
import { fail } from '../conformance-error';
import { expectStored, fieldsByName, requireReadRecord, type RecordReader } from '../crm-state';
import { defineRule, type RuleSession } from '../rule-session';
import { idsOf, list } from '../sync-messages';
import { idsFrom, writeAll } from './write-batches';

export { resultProblems } from './write-batches';

const EXPECT_OK = [true, false, true];

/** What the upsert checks need. */
interface UpsertCheck {
  session: RuleSession;
  connector: CrmConnector;
  readRecord: RecordReader;
  fields: ReadonlyMap<string, CrmField>;
  valid: (i: number) => Record<string, unknown>;
}

/**
 * Upsert by `crm.upsertField`: new keys are created and stored; the same keys again with changed
 * data update the matched records (one record per key, holding the new data). Returns their ids.
 */
async function checkUpsert({ session, connector, readRecord, fields, valid }: UpsertCheck): Promise<string[]> {
  const { crm, object } = session.options;
  const key = crm.upsertField ?? fail('the plugin declares upsert: set crm.upsertField to the external-id field validRecord() fills');
  const keyField = fields.get(key);
  const keyOf = (i: number): unknown => valid(i)[key];
  if (keyOf(21) === undefined) fail(`crm.validRecord() has no value for the upsert field '${key}'`);
  // The second pass: other data (that of validRecord(i + 10)) under the same key.
  const changed = (i: number): Record<string, unknown> => ({ ...valid(i + 10), [key]: keyOf(i) });
  const differs = Object.entries(changed(21)).some(([n, v]) => n !== key && !sameCanonicalValue(fields.get(n), valid(21)[n], v));
  if (!differs) {
    fail(
      `crm.validRecord('${object}', 31) differs from validRecord('${object}', 21) only in '${key}': make a field other than ` +
        'the upsert field depend on i, so the kit can see an upsert update the record it matched',
    );
  }

  const first = [
    { ref: 'upsert-1', data: valid(21) },
    { ref: 'upsert-2', data: crm.invalidRecord(object) },
    { ref: 'upsert-3', data: valid(22) },
  ];
  const created = await writeAll(session, connector, 'upsert', first, EXPECT_OK);
  const createdFlags = [created[0]?.created, created[2]?.created];
  if (createdFlags.some((c) => c !== true))
    fail(`upsert of new keys reported created ${JSON.stringify(createdFlags)}, expected [true, true]`);
  const firstIds = idsFrom(created, 'upsert', [0, 2]);
  for (const [n, i] of [0, 2].entries())
    await expectStored(readRecord, fields, `${first[i]?.ref} (upsert of a new key)`, firstIds[n] as string, first[i]?.data ?? {});

  const second = [
    { ref: 'upsert-1', data: changed(21) },
    { ref: 'upsert-2', data: crm.invalidRecord(object) },
    { ref: 'upsert-3', data: changed(22) },
  ];
  const matched = await writeAll(session, connector, 'upsert', second, EXPECT_OK);
  const what = `upserting the same '${key}' values again with changed data`;
  const read = await session.read(connector, { object, fields: [key] }, { label: `a full read of '${key}' after ${what}` });
  for (const i of [21, 22]) {
    const holders = read.flatMap((m) => (m.kind === 'upsert' && sameCanonicalValue(keyField, keyOf(i), m.data[key]) ? [m.id] : []));
    if (holders.length !== 1) {
      fail(
        `after ${what}, a full read finds ${holders.length} records with ${key} = ${showValue(keyOf(i))}${holders.length ? ` (${list(holders)})` : ''}: ` +
          `upsert must update the record whose '${key}' (the matchField) equals the key, not insert another`,
      );
    }
  }
  const againIds = idsFrom(matched, 'upsert', [0, 2]);
  for (const [n, i] of [0, 2].entries())
    await expectStored(readRecord, fields, `${second[i]?.ref} (upsert of an existing key)`, againIds[n] as string, second[i]?.data ?? {});
  const matchedFlags = [matched[0]?.created, matched[2]?.created];
  if (matchedFlags.some((c) => c !== false))
    fail(`upsert of the same keys again reported created ${JSON.stringify(matchedFlags)}, expected [false, false]`);
  if (firstIds.join() !== againIds.join())
    fail(`upserting the same keys again gave ids ${againIds.join(', ')}, not ${firstIds.join(', ')}`);
  return firstIds;
}

/**
 * Rule `writes` (contract rule 3 and per-record results): for each declared operation, a batch of
 * [valid, invalid, valid] gives three results in order with refs echoed, the invalid one failed
 * with a code, a message and `retryable: false`; inserts return ids; updates and deletes work on
 * them; upsert by `crm.upsertField` creates, then updates the record it matches (one record per
 * key). After each write, `crm.readRecord()` must hold every value written (compared canonically,
 * see `sameCanonicalValue`), and deleted records must be gone. An operation the manifest does not
 * declare is not tried. Needs `crm.readRecord`.
 *
 * @example
 * ```ts
 * await writesRule.run(options);
 * ```
 */
export const writesRule = defineRule(
  'writes',
  'returns one result per record in order, with refs, ids, created flags and non-retryable errors for rejects, and the CRM holds what was written',
  async (session) => {
    const { crm, object, plugin } = session.options;
    const declared = plugin.manifest.capabilities.write;
    if (!declared.insert && !declared.update && !declared.upsert && !declared.delete) return;
    const readRecord = requireReadRecord(crm, object, 'the writes rule checks that the CRM holds every value a write reported ok');
    await crm.reset(object);
    const { connector } = await session.open();
    const target = await session.describeObject(connector);
    const fields = fieldsByName(target);
    const [gone] = await crm.createRecords(object, 1);
    if (gone === undefined) fail('crm.createRecords() returned no id');
    await crm.deleteRecords(object, [gone]); // a well-formed id the CRM no longer has: what update/delete reject
    const valid = (i: number): Record<string, unknown> => crm.validRecord(object, i);
    let kept: string[] = [];

    let targets: string[];
    if (declared.insert) {
      const records = [
        { ref: 'insert-1', data: valid(1) },
        { ref: 'insert-2', data: crm.invalidRecord(object) },
        { ref: 'insert-3', data: valid(2) },
      ];
      targets = idsFrom(await writeAll(session, connector, 'insert', records, EXPECT_OK), 'insert', [0, 2]);
      if (targets[0] === targets[1]) fail(`insert returned the same id ${targets[0]} for two records`);
      await expectStored(readRecord, fields, 'insert-1 (insert)', targets[0] as string, records[0]?.data ?? {});
      await expectStored(readRecord, fields, 'insert-3 (insert)', targets[1] as string, records[2]?.data ?? {});
    } else targets = await crm.createRecords(object, 2);
    const [first, second] = targets as [string, string];

    if (declared.update) {
      // An update changes what can change: not the id field, nor fields discover() says are not updateable.
      const changes = (i: number): Record<string, unknown> =>
        Object.fromEntries(Object.entries(valid(i)).filter(([n]) => n !== target.idField && fields.get(n)?.updateable !== false));
      if (Object.keys(changes(11)).length === 0) {
        fail(`crm.validRecord('${object}', 11) has no field discover() says is updateable, so the kit cannot check an update`);
      }
      const records = [
        { ref: 'update-1', id: first, data: changes(11) },
        { ref: 'update-2', id: gone, data: changes(12) },
        { ref: 'update-3', id: second, data: changes(13) },
      ];
      const results = await writeAll(session, connector, 'update', records, EXPECT_OK);
      for (const i of [0, 2]) {
        const record = records[i] as (typeof records)[number];
        if (results[i]?.id !== undefined && results[i]?.id !== record.id)
          fail(`update result #${i + 1} names id ${results[i]?.id}, not ${record.id}`);
        await expectStored(readRecord, fields, `${record.ref} (update)`, record.id, record.data);
      }
    }

    if (declared.upsert) kept = await checkUpsert({ session, connector, readRecord, fields, valid });

    let removed: string[] = [];
    if (declared.delete) {
      const records = [
        { ref: 'delete-1', id: first },
        { ref: 'delete-2', id: gone },
        { ref: 'delete-3', id: second },
      ];
      await writeAll(session, connector, 'delete', records, EXPECT_OK);
      removed = [first, second];
      for (const id of removed) {
        if ((await readRecord(id)) !== undefined) fail(`write() reported the delete of ${id} ok, but crm.readRecord() still finds it`);
      }
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
