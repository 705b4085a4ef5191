import type { EmulatorClock } from '../../common/clock';
import type { RecordLocks } from '../api/record-locks';
import { RestError, type RecordError } from '../errors';
import type { FieldDescribe } from '../schema/describe-types';
import type { ObjectDefinition } from '../schema/object-definition';
import type { OrgSchema } from '../schema/org-schema';
import { canonicalId } from '../util/record-ids';
import { floorToSecond } from '../util/sf-dates';
import type { OrgStore } from './org-store';
import { checkRequired, checkValue, checkWritable, recordError } from './record-validator';
import type { FieldValue, Row } from './row-types';
import { CoercionError, coerceValue } from './value-coercion';

/** A record as sent by a client, already resolved against the describe. */
export interface IncomingRecord {
  def: ObjectDefinition;
  values: [FieldDescribe, FieldValue][];
  /** The `Id` sent, as text (checked per record, like Salesforce does). */
  idText?: string;
}

/** One per-record result of sObject Collections (and of the single-record resources). */
export interface SaveResult {
  /** Absent on failures, as in Salesforce's answers. */
  id?: string;
  success: boolean;
  errors: RecordError[];
  created?: boolean;
}

type Plan = { row: Row; created: boolean } | { error: RecordError };

/** What earlier records of the same request did: their unique values, and their planned versions (same id twice). */
interface Batch {
  unique: Set<string>;
  rows: Map<string, Row>;
}

const ROLLED_BACK = recordError('ALL_OR_NONE_OPERATION_ROLLED_BACK', 'Record rolled back because not all records were valid and the request was using AllOrNone header');

/**
 * Creates, updates, upserts and deletes records as the platform does: validation against the
 * describe, per-record results in request order, allOrNone rollback, audit stamps from the clock.
 */
export class RecordWriter {
  constructor(
    private readonly schema: OrgSchema,
    private readonly store: OrgStore,
    private readonly clock: EmulatorClock,
    private readonly locks: RecordLocks,
  ) {}

  /** Resolves a JSON record against the describe; unknown fields and ill-typed values fail the request (400). */
  parseJson(def: ObjectDefinition, record: Record<string, unknown>): IncomingRecord {
    const incoming: IncomingRecord = { def, values: [] };
    for (const [key, value] of Object.entries(record)) {
      if (key === 'attributes') continue;
      const field = this.schema.field(def, key);
      if (!field) throw new RestError(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type ${def.name}`);
      if (field.name === 'Id') {
        if (value !== null && value !== undefined) incoming.idText = String(value);
        continue;
      }
      try {
        incoming.values.push([field, field.type === 'address' ? null : coerceValue(field, value)]);
      } catch (error) {
        if (error instanceof CoercionError) throw new RestError(400, 'JSON_PARSER_ERROR', error.message);
        throw error;
      }
    }
    return incoming;
  }

  create(records: IncomingRecord[], allOrNone: boolean): SaveResult[] {
    return this.run(records, allOrNone, (rec, batch) => this.planCreate(rec, batch));
  }

  update(records: IncomingRecord[], allOrNone: boolean, modstamp?: number): SaveResult[] {
    return this.run(records, allOrNone, (rec, batch) => this.planUpdate(rec, batch, modstamp));
  }

  /** Upsert keyed on an external id (or idLookup) field: 0 matches create, 1 updates, more fail. */
  upsert(records: IncomingRecord[], extField: FieldDescribe, allOrNone: boolean): SaveResult[] {
    const seen = new Set<string>();
    return this.run(records, allOrNone, (rec, batch) => {
      const value = rec.values.find(([f]) => f === extField)?.[1] ?? (extField.name === 'Id' ? rec.idText : undefined);
      if (value === null || value === undefined) return { error: recordError('MISSING_ARGUMENT', `${extField.name} not specified`) };
      const key = String(value).toLowerCase();
      if (seen.has(key)) return { error: recordError('DUPLICATE_EXTERNAL_ID', `Duplicate external id specified: ${value}`, [extField.name]) };
      seen.add(key);
      const table = this.store.table(rec.def);
      const matches = extField.name === 'Id'
        ? [canonicalId(String(value))].filter((id): id is string => !!id && !!table.get(id))
        : table.lookupUnique(extField.name, String(value));
      const live = matches.filter((id) => table.get(id)?.['IsDeleted'] !== true);
      if (live.length > 1) {
        return { error: recordError('DUPLICATE_EXTERNAL_ID', `${extField.label}: more than one record found for external id field: [${live.join(', ')}]`, [extField.name]) };
      }
      if (live.length === 0) return this.planCreate({ ...rec, idText: undefined }, batch);
      return this.planUpdate({ ...rec, idText: live[0] }, batch);
    }, true);
  }

  /** Moves records to the recycle bin (IsDeleted = true, stamped), logging them for getDeleted. */
  delete(idTexts: string[], allOrNone: boolean, objectName?: string): SaveResult[] {
    const now = floorToSecond(this.clock.nowMs());
    const deleting = new Set<string>();
    const plans: Plan[] = idTexts.map((text) => {
      const id = canonicalId(text);
      if (!id) return { error: recordError('MALFORMED_ID', `malformed id ${text}`) };
      const found = this.store.findRecord(id);
      if (!found || (objectName && found.def.name !== objectName)) return { error: recordError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id') };
      if (found.row['IsDeleted'] === true || deleting.has(id)) return { error: recordError('ENTITY_IS_DELETED', 'entity is deleted') };
      deleting.add(id);
      if (this.locks.isLocked(id)) return { error: lockError(id) };
      return { created: false, row: { ...found.row, IsDeleted: true, LastModifiedDate: now, SystemModstamp: now, LastModifiedById: this.store.userId } };
    });
    return this.finish(plans, allOrNone, (plan) => {
      const def = this.schema.byKeyPrefix((plan.row['Id'] as string).slice(0, 3)) as ObjectDefinition;
      const table = this.store.table(def);
      table.put(plan.row);
      table.recycleBin.set(plan.row['Id'] as string, now);
      table.deleteLog.push({ id: plan.row['Id'] as string, deletedMs: now });
    });
  }

  private run(records: IncomingRecord[], allOrNone: boolean, plan: (rec: IncomingRecord, batch: Batch) => Plan, upsert = false): SaveResult[] {
    const batch: Batch = { unique: new Set(), rows: new Map() };
    const plans = records.map((rec) => {
      const planned = plan(rec, batch);
      if ('row' in planned) batch.rows.set(planned.row['Id'] as string, planned.row);
      return planned;
    });
    return this.finish(plans, allOrNone, (p) => this.store.table(this.defOf(p.row)).put(p.row), upsert);
  }

  private finish(plans: Plan[], allOrNone: boolean, apply: (plan: { row: Row; created: boolean }) => void, upsert = false): SaveResult[] {
    const failed = plans.some((p) => 'error' in p);
    return plans.map((p) => {
      if ('error' in p) return { success: false, errors: [p.error] };
      if (failed && allOrNone) return { success: false, errors: [ROLLED_BACK] };
      apply(p);
      return { id: p.row['Id'] as string, success: true, errors: [], ...(upsert ? { created: p.created } : {}) };
    });
  }

  private planCreate(rec: IncomingRecord, batch: Batch): Plan {
    const { def } = rec;
    if (rec.idText !== undefined) return { error: recordError('INVALID_FIELD', 'cannot specify Id in an insert call', ['Id']) };
    const problem = checkWritable(rec.values.map(([f]) => f), true) ?? this.checkValues(rec);
    if (problem) return { error: problem };
    const now = floorToSecond(this.clock.nowMs());
    const row: Record<string, FieldValue> = {};
    for (const field of def.fields) row[field.name] = defaultOf(field);
    def.createDefaults?.(row);
    for (const [field, value] of rec.values) row[field.name] = value;
    Object.assign(row, { IsDeleted: false, CreatedDate: now, CreatedById: this.store.userId, LastModifiedDate: now, LastModifiedById: this.store.userId, SystemModstamp: now });
    row['OwnerId'] ??= this.store.userId;
    const table = this.store.table(def);
    const nameField = def.fields.find((f) => f.nameField && f.createable && f.defaultedOnCreate);
    const required = checkRequired(def, { ...row, ...(nameField ? { [nameField.name]: 'x' } : {}) });
    const error = required ?? this.checkUnique(def, row, undefined, batch) ?? (this.locks.isLocked() ? lockError() : undefined);
    if (error) return { error };
    row['Id'] = table.newId();
    if (nameField && row[nameField.name] === null) row[nameField.name] = row['Id'];
    return { row, created: true };
  }

  private planUpdate(rec: IncomingRecord, batch: Batch, modstamp?: number): Plan {
    const { def } = rec;
    if (rec.idText === undefined) return { error: recordError('MISSING_ARGUMENT', 'Id not specified in an update call') };
    const id = canonicalId(rec.idText);
    if (!id) return { error: recordError('MALFORMED_ID', `${def.label} ID: id value of incorrect type: ${rec.idText}`, ['Id']) };
    const current = batch.rows.get(id) ?? this.store.table(def).get(id);
    if (!current) return { error: recordError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id') };
    if (current['IsDeleted'] === true) return { error: recordError('ENTITY_IS_DELETED', 'entity is deleted') };
    const problem = checkWritable(rec.values.map(([f]) => f), false) ?? this.checkValues(rec);
    if (problem) return { error: problem };
    const stamp = modstamp ?? floorToSecond(this.clock.nowMs());
    const row: Record<string, FieldValue> = { ...current };
    for (const [field, value] of rec.values) row[field.name] = value;
    Object.assign(row, { LastModifiedDate: stamp, LastModifiedById: this.store.userId, SystemModstamp: stamp });
    const error =
      checkRequired(def, row, new Set(rec.values.map(([f]) => f.name))) ??
      this.checkUnique(def, row, id, batch) ??
      (this.locks.isLocked(id) ? lockError(id) : undefined);
    return error ? { error } : { row, created: false };
  }

  private checkValues(rec: IncomingRecord): RecordError | undefined {
    for (const [field, value] of rec.values) {
      const recordType = field.referenceTo.includes('RecordType');
      const error = recordType ? this.checkRecordType(rec.def, field, value) : checkValue(this.store, field, value);
      if (error) return error;
    }
    return undefined;
  }

  /** A `RecordTypeId` must name one of the object's record types (Salesforce checks it per user). */
  private checkRecordType(def: ObjectDefinition, field: FieldDescribe, value: FieldValue): RecordError | undefined {
    if (value === null) return undefined;
    const id = canonicalId(String(value));
    if (id && this.schema.isRecordTypeOf(def, id)) return undefined;
    return recordError('INVALID_CROSS_REFERENCE_KEY', `Record Type ID: this ID value isn't valid for the user: ${String(value)}`, [field.name]);
  }

  /** DUPLICATE_VALUE on unique fields, against stored records and earlier records of the same request. */
  private checkUnique(def: ObjectDefinition, row: Record<string, FieldValue>, selfId: string | undefined, batch: Batch): RecordError | undefined {
    const table = this.store.table(def);
    for (const field of def.fields) {
      const value = row[field.name];
      if (!field.unique || typeof value !== 'string') continue;
      const others = table.lookupUnique(field.name, value).filter((id) => {
        const other = table.get(id);
        return id !== selfId && other?.['IsDeleted'] !== true && (!field.caseSensitive || other?.[field.name] === value);
      });
      if (others.length) return recordError('DUPLICATE_VALUE', `duplicate value found: ${field.name} duplicates value on record with id: ${others[0]}`);
      const key = `${field.name}\u0000${field.caseSensitive ? value : value.toLowerCase()}`;
      if (batch.unique.has(key)) return recordError('DUPLICATE_VALUE', `duplicate value found: <unknown> duplicates value on record with id: <unknown>`);
      batch.unique.add(key);
    }
    return undefined;
  }

  private defOf(row: Row): ObjectDefinition {
    return this.schema.byKeyPrefix((row['Id'] as string).slice(0, 3)) as ObjectDefinition;
  }
}

function defaultOf(field: FieldDescribe): FieldValue {
  if (field.type === 'boolean') return field.defaultValue === true;
  if (field.type === 'picklist') return field.picklistValues.find((p) => p.defaultValue && p.active)?.value ?? null;
  return null;
}

function lockError(id?: string): RecordError {
  return recordError('UNABLE_TO_LOCK_ROW', `unable to obtain exclusive access to this record or 1 records: ${id ?? ''}`.trim());
}
