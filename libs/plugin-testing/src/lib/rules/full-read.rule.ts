import type { CrmObject, SyncMessage } from '@crm-hub/plugin-sdk';
import { canonicalProblem } from '../canonical-checks';
import { fail } from '../conformance-error';
import { defineRule } from '../rule-session';
import { exactlyOnceProblems, idsOf, list, requireFinalCheckpoint } from '../sync-messages';

/**
 * What is wrong with the record values of a stream for the object's field types (empty when all
 * are canonical): unknown fields, requested fields left out, non-canonical values, an id field
 * that differs from the message id. "Absent is not null": a full read carries every requested
 * field; with `partialAllowed` (an incremental read or a change feed), an upsert that says
 * `partial: true` may leave out fields the CRM did not send, and only such an upsert.
 *
 * @example
 * ```ts
 * valueProblems(messages, contact, ['LastName']); // ["record 003…1, field 'Amount' (currency): a number; …"]
 * valueProblems(delta, contact, ['LastName'], { partialAllowed: true }); // partial upserts may lack LastName
 * ```
 */
export function valueProblems(
  messages: readonly SyncMessage[],
  object: CrmObject,
  requested: readonly string[],
  options: { partialAllowed?: boolean } = {},
): string[] {
  const byName = new Map(object.fields.map((f) => [f.name, f]));
  const problems: string[] = [];
  for (const msg of messages) {
    if (msg.kind !== 'upsert') continue;
    for (const [name, value] of Object.entries(msg.data)) {
      const field = byName.get(name);
      const problem = field ? canonicalProblem(field, value) : 'a field discover() does not describe';
      if (problem) problems.push(`record ${msg.id}, field '${name}'${field ? ` (${field.type})` : ''}: ${problem}`);
    }
    const absent = requested.filter((name) => !(name in msg.data));
    if (absent.length && !(options.partialAllowed && msg.partial === true)) {
      problems.push(
        `record ${msg.id} lacks the requested field(s) ${absent.join(', ')} ` +
          (options.partialAllowed
            ? '(an upsert carrying only some of the requested fields must say partial: true; a field read as empty is null)'
            : '(a full read carries every requested field, partial or not; a field read as empty is null, not absent)'),
      );
    }
    const id = msg.data[object.idField];
    if (id !== undefined && id !== msg.id) problems.push(`record ${msg.id} has ${object.idField} = ${JSON.stringify(id)}`);
  }
  return problems;
}

/**
 * Rule `full-read` (contract rule 1, first half, and the canonical-value table): a full read over
 * many pages emits every record exactly once, ends with a checkpoint, and emits values in
 * canonical form for their field types.
 *
 * @example
 * ```ts
 * await fullReadRule.run(options);
 * ```
 */
export const fullReadRule = defineRule(
  'full-read',
  'reads every record exactly once over many pages, ends with a checkpoint, and emits canonical values',
  async (session) => {
    const { crm, object, pageSize } = session.options;
    const { connector } = await session.open();
    const target = await session.describeObject(connector);
    await crm.reset(object);
    const count = Math.ceil(pageSize * 2.5);
    const ids = await crm.createRecords(object, count);
    if (ids.length !== count) fail(`crm.createRecords() returned ${ids.length} ids for ${count} records`);

    const fields = target.fields.map((f) => f.name);
    const what = `a full read of ${count} records with pageSize ${pageSize}`;
    const messages = await session.read(connector, { object, fields, pageSize }, { label: what });
    const problems = exactlyOnceProblems(idsOf(messages, 'upsert'), ids);
    if (problems.length) fail(`${what} ${problems.join('; ')}: a full read emits every record exactly once`);
    const deletes = idsOf(messages, 'delete').filter((id) => ids.includes(id));
    if (deletes.length) fail(`${what} emitted deletes of live records: ${list(deletes)}`);
    requireFinalCheckpoint(messages, what);

    const values = valueProblems(messages, target, fields);
    if (values.length) {
      fail(
        `${what} emitted values not in canonical form: ${values.slice(0, 5).join('; ')}${values.length > 5 ? ` (and ${values.length - 5} more)` : ''}`,
      );
    }
  },
);
