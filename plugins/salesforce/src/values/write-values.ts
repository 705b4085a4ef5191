import {
  CanonicalValueError,
  JsonNumber,
  formatMultiEnum,
  parseReference,
  toBoolean,
  toDecimalString,
  toInteger,
  toIsoDate,
  toIsoDateTime,
  toIsoTime,
  type CanonicalType,
} from '@crm-hub/plugin-sdk';
import type { ObjectModel } from '../describe/object-model';

/**
 * A record Salesforce would refuse before it is sent (unknown field, value of the wrong type):
 * it becomes that record's failed `WriteResult`, with Salesforce's own status code for the case.
 *
 * @example
 * ```ts
 * throw new RecordRejection('INVALID_FIELD', "No such column 'Foo__c' on Contact", ['Foo__c']);
 * ```
 */
export class RecordRejection extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fields: string[],
  ) {
    super(message);
    this.name = 'RecordRejection';
  }
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new CanonicalValueError('a string', value);
}

/**
 * A canonical value as Salesforce REST JSON expects it: decimals as bare JSON numbers written
 * digit for digit ({@link JsonNumber}), multi-select arrays joined with `;`, datetimes in UTC,
 * times with Salesforce's trailing `Z`. `null` clears the field.
 *
 * @example
 * ```ts
 * toSalesforceValue('multi-enum', ['Api', 'Sso']); // 'Api;Sso'
 * toSalesforceValue('currency', '19.90');          // JsonNumber('19.90')
 * ```
 */
export function toSalesforceValue(type: CanonicalType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'multi-enum':
      return Array.isArray(value) ? formatMultiEnum(value.map(text), ';') : text(value);
    case 'decimal':
    case 'currency':
    case 'percent':
      return new JsonNumber(toDecimalString(value as string | number));
    case 'integer':
      return toInteger(value as string | number);
    case 'boolean':
      return toBoolean(value as string | boolean);
    case 'date':
      return toIsoDate(value as string);
    case 'datetime':
      return toIsoDateTime(value as string);
    case 'time':
      return `${toIsoTime(value as string)}Z`;
    case 'json':
    case 'address':
      return value;
    default:
      return text(value);
  }
}

/**
 * A value as Bulk API 2.0 CSV text: `#N/A` sets null (an empty cell leaves the field as it is),
 * everything else as for REST, decimals exact.
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/datafiles_prepare_csv.htm
 *
 * @example
 * ```ts
 * toCsvCell('boolean', true); // 'true'
 * toCsvCell('string', null);  // '#N/A'
 * ```
 */
export function toCsvCell(type: CanonicalType, value: unknown): string {
  const converted = toSalesforceValue(type, value);
  if (converted === null) return '#N/A';
  if (converted instanceof JsonNumber) return converted.text;
  return String(converted);
}

/**
 * A reference value as Salesforce takes it: the bare id. `"<Target>:<id>"` (how polymorphic
 * references cross the contract, SDK `formatReference`) loses its target once the target is
 * checked against the field's `referenceTo` (Salesforce tells the object from the id's prefix).
 */
function referenceId(model: ObjectModel, name: string, value: unknown): unknown {
  if (typeof value !== 'string' || value === '') return value;
  const { target, id } = parseReference(value);
  const targets = model.field(name).referenceTo ?? [];
  if (target !== undefined && !targets.some((t) => t.toLowerCase() === target.toLowerCase())) {
    throw new RecordRejection('FIELD_INTEGRITY_EXCEPTION', `${name}: '${target}' is not an object this field can point to (${targets.join(', ')})`, [name]);
  }
  return id;
}

/**
 * A record's canonical `data` as Salesforce field values, by field name. Compound fields
 * (address, geolocation) are not writable as such: their object spreads into its components.
 * References take a bare id or `"<Target>:<id>"` (polymorphic values as reads emit them).
 * A field the object does not have, or a value that does not fit its type, rejects the record
 * (`INVALID_FIELD`, `INVALID_TYPE_ON_FIELD_IN_RECORD`, `FIELD_INTEGRITY_EXCEPTION` for a target
 * the reference cannot point to) without sending it.
 *
 * @example
 * ```ts
 * salesforceFields(model, { LastName: 'Ada', MailingAddress: { MailingCity: 'Oslo' } });
 * // { LastName: 'Ada', MailingCity: 'Oslo' }
 * ```
 */
export function salesforceFields(model: ObjectModel, data: Record<string, unknown>, skip: readonly string[] = []): Map<string, { type: CanonicalType; value: unknown }> {
  const out = new Map<string, { type: CanonicalType; value: unknown }>();
  const put = (name: string, value: unknown): void => {
    if (!model.fields.has(name)) throw new RecordRejection('INVALID_FIELD', `No such column '${name}' on ${model.name}`, [name]);
    const type = model.typeOf(name);
    if (model.isCompound(name)) {
      if (value === null) model.components(name).forEach((c) => put(c, null));
      else if (typeof value === 'object' && !Array.isArray(value)) {
        for (const [c, v] of Object.entries(value as object)) {
          if (!model.components(name).includes(c)) throw new RecordRejection('INVALID_FIELD', `'${c}' is not a component of ${name}`, [name]);
          put(c, v);
        }
      } else throw new RecordRejection('INVALID_TYPE_ON_FIELD_IN_RECORD', `${name}: an object of its components is expected`, [name]);
      return;
    }
    const sent = type === 'reference' ? referenceId(model, name, value) : value;
    try {
      toSalesforceValue(type, sent); // checks the value now, so a bad one rejects this record only
    } catch (err) {
      throw new RecordRejection('INVALID_TYPE_ON_FIELD_IN_RECORD', `${name}: ${(err as Error).message}`, [name]);
    }
    out.set(name, { type, value: sent });
  };
  for (const [name, value] of Object.entries(data)) {
    if (!skip.includes(name)) put(name, value);
  }
  return out;
}
