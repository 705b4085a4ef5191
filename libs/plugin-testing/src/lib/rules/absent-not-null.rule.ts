import type { ReadRequest, SyncMessage, UpsertMessage } from '@crm-hub/plugin-sdk';
import { nextClockTick } from '../collect';
import { fail } from '../conformance-error';
import { changedFields, disagreements, fieldsByName, requireReadRecord, type RecordReader } from '../crm-state';
import { defineRule } from '../rule-session';
import { lastCheckpoint, list, requireFinalCheckpoint } from '../sync-messages';
import { valueProblems } from './full-read.rule';

/** Records created; all but the last are then updated. */
const RECORDS = 4;

function some(items: readonly string[], max = 5): string {
  return `${items.slice(0, max).join('; ')}${items.length > max ? ` (and ${items.length - max} more)` : ''}`;
}

/** Fails when the upserts of `messages` say other than the CRM; a null where it holds a value is named as such. */
async function expectCrmValues(
  what: string,
  messages: readonly SyncMessage[],
  readRecord: RecordReader,
  fields: ReturnType<typeof fieldsByName>,
): Promise<void> {
  const { nulls, others } = await disagreements(messages, readRecord, fields);
  if (nulls.length) {
    fail(
      `${what} says null where the CRM holds a value: ${some(nulls)}. The plugin turned an absent field into null ` +
        '(absent is not null): leave a field the CRM did not send out of data and set partial: true; null means the CRM says the field is empty',
    );
  }
  if (others.length) fail(`${what} emitted values the CRM does not hold: ${some(others)}`);
}

async function snapshot(readRecord: RecordReader, ids: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
  const records = new Map<string, Record<string, unknown>>();
  for (const id of ids) {
    const record = await readRecord(id);
    if (record === undefined) throw new TypeError(`crm.readRecord() finds no record ${id}, which crm.createRecords() just created`);
    records.set(id, record);
  }
  return records;
}

/**
 * Rule `absent-not-null` (SDK 1.1, "absent is not null"): after a full read, `crm.updateRecords()`
 * changes some records and a read from the full read's checkpoint, with the same fields, must
 * say what the CRM stores: every value an upsert carries equals `crm.readRecord()`'s (compared
 * canonically), a `null` where the CRM holds a value fails, an upsert may leave requested fields
 * out only when it says `partial: true`, and a partial upsert still carries every requested field
 * the update changed. The full read's values are checked against the CRM too. Needs `crm.readRecord`.
 *
 * @example
 * ```ts
 * await absentNotNullRule.run(options);
 * ```
 */
export const absentNotNullRule = defineRule(
  'absent-not-null',
  'never turns a field the CRM did not send into null, and leaves requested fields out only in upserts marked partial: true',
  async (session) => {
    const { crm, object, pageSize, clockResolutionMs } = session.options;
    const readRecord = requireReadRecord(
      crm,
      object,
      'the absent-not-null rule compares every value a read emits with the record the CRM stores',
    );
    const { connector } = await session.open();
    const target = await session.describeObject(connector);
    if (target.incremental === 'none') {
      fail(`'${object}' has incremental 'none', so read() cannot resume: run the suite on an object read() can resume`);
    }
    const fields = fieldsByName(target);
    const requested = target.fields.map((f) => f.name);
    await crm.reset(object);
    const ids = await crm.createRecords(object, RECORDS);
    if (ids.length !== RECORDS) fail(`crm.createRecords() returned ${ids.length} ids for ${RECORDS} records`);
    const req: ReadRequest = { object, fields: requested, pageSize };

    const full = await session.read(connector, req, { label: 'a full read' });
    requireFinalCheckpoint(full, 'a full read');
    const checkpoint = lastCheckpoint(full) ?? fail('a full read emitted no checkpoint');
    const before = await snapshot(readRecord, ids);
    await expectCrmValues('a full read', full, readRecord, fields);

    const updated = ids.slice(0, RECORDS - 1);
    await crm.updateRecords(object, updated, { modifiedAt: await nextClockTick(clockResolutionMs) });
    const after = await snapshot(readRecord, updated);
    const what = `read() from the checkpoint of a full read (after crm.updateRecords() changed ${list(updated)})`;
    const delta = await session.read(connector, { ...req, checkpoint }, { label: what });
    const upserts = delta.filter((m): m is UpsertMessage => m.kind === 'upsert');
    const missed = updated.filter((id) => !upserts.some((m) => m.id === id));
    if (missed.length) fail(`${what} emitted no upsert for ${list(missed)}: an incremental read emits every changed record`);

    await expectCrmValues(what, delta, readRecord, fields);
    const problems = valueProblems(delta, target, requested, { partialAllowed: true });
    if (problems.length) fail(`${what}: ${some(problems)}`);
    const lost: string[] = [];
    for (const msg of upserts) {
      const was = before.get(msg.id);
      const now = after.get(msg.id);
      if (!msg.partial || !was || !now) continue;
      const left = changedFields(was, now, fields).filter((name) => requested.includes(name) && !(name in msg.data));
      if (left.length) lost.push(`record ${msg.id} lacks ${left.join(', ')}`);
    }
    if (lost.length) {
      fail(
        `${what} emitted partial upserts without fields the update changed: ${some(lost)}. A partial upsert may leave out ` +
          'only fields the CRM did not send; a changed field it leaves out is a change the hub never sees',
      );
    }
  },
);
