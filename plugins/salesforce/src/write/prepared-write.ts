import { CrmError, type CanonicalType, type WriteRequest, type WriteResult } from '@crm-hub/plugin-sdk';
import { assertApiName } from '../describe/describe-service';
import type { ObjectModel } from '../describe/object-model';
import { RecordRejection, salesforceFields } from '../values/write-values';
import { failure } from './write-results';

/**
 * A record ready to send: its input position, the caller's ref, the Salesforce id (update,
 * delete) and its fields as Salesforce values.
 *
 * @example
 * ```ts
 * const r: PreparedRecord = { index: 0, ref: 'row-1', fields: new Map([['LastName', { type: 'string', value: 'Ada' }]]) };
 * ```
 */
export interface PreparedRecord {
  index: number;
  ref: string;
  id?: string;
  fields: Map<string, { type: CanonicalType; value: unknown }>;
}

/**
 * A write batch after local checks: the records to send, and the results of those refused
 * before sending (by input position).
 *
 * @example
 * ```ts
 * const { records, rejected } = prepareWrite(model, req);
 * ```
 */
export interface PreparedWrite {
  object: string;
  operation: WriteRequest['operation'];
  matchField?: string;
  records: PreparedRecord[];
  rejected: Map<number, WriteResult>;
}

const SF_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/**
 * Checks a write batch against the describe. Whole-batch mistakes throw (an upsert without an
 * external-id `matchField`); record mistakes reject only that record, with the status code
 * Salesforce itself would give: `MISSING_ARGUMENT` (no id for update/delete),
 * `MALFORMED_ID`, `REQUIRED_FIELD_MISSING` (no match value for upsert), `INVALID_FIELD`,
 * `INVALID_TYPE_ON_FIELD_IN_RECORD`. Rejections are never retryable.
 *
 * @example
 * ```ts
 * prepareWrite(model, { object: 'Contact', operation: 'update', records: [{ ref: 'a', data: { LastName: 'X' } }] }).rejected.get(0)?.error?.code;
 * // 'MISSING_ARGUMENT'
 * ```
 */
export function prepareWrite(model: ObjectModel, req: WriteRequest): PreparedWrite {
  const { operation } = req;
  const matchField = operation === 'upsert' ? req.matchField : undefined;
  if (operation === 'upsert') {
    if (!matchField) throw new CrmError('An upsert needs matchField (an External ID field of the object)', { code: 'MISSING_ARGUMENT' });
    assertApiName(matchField, 'field');
    const field = model.field(matchField);
    if (field.externalId !== true && field.idLookup !== true && matchField !== 'Id') {
      throw new CrmError(`Field '${matchField}' of ${model.name} is not an External ID field, so it cannot match upserts`, { code: 'INVALID_FIELD' });
    }
  }
  const prepared: PreparedWrite = { object: model.name, operation, ...(matchField ? { matchField } : {}), records: [], rejected: new Map() };
  req.records.forEach((record, index) => {
    const reject = (code: string, message: string, fields: string[] = []): void => {
      prepared.rejected.set(index, failure(record.ref, code, message, fields, false));
    };
    const needsId = operation === 'update' || operation === 'delete';
    if (needsId && !record.id) return reject('MISSING_ARGUMENT', `${operation} needs the record's id`, ['Id']);
    if (needsId && !SF_ID.test(record.id as string)) return reject('MALFORMED_ID', `'${String(record.id)}' is not a Salesforce id`, ['Id']);
    let fields: PreparedRecord['fields'] = new Map();
    if (operation !== 'delete') {
      try {
        fields = salesforceFields(model, record.data ?? {}, operation === 'update' ? ['Id'] : []);
      } catch (err) {
        if (!(err instanceof RecordRejection)) throw err;
        return reject(err.code, err.message, err.fields);
      }
    }
    if (matchField) {
      const value = fields.get(matchField)?.value;
      if (value === undefined || value === null || value === '') {
        return reject('REQUIRED_FIELD_MISSING', `Upsert by ${matchField} needs a value for it`, [matchField]);
      }
    }
    prepared.records.push({ index, ref: record.ref, ...(record.id ? { id: record.id } : {}), fields });
  });
  return prepared;
}
