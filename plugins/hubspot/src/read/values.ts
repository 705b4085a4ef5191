import { parseMultiEnum, toDecimalString, toIsoDate, toIsoDateTime, type CrmField } from '@crm-hub/plugin-sdk';

const EPOCH_MS = /^-?\d+$/;

/**
 * A property's API text in canonical form: numbers as exact decimal strings, `true`/`false` as
 * booleans, dates `YYYY-MM-DD` and date-times ISO 8601 UTC (HubSpot sends either ISO text or
 * epoch milliseconds), multi-checkbox values split on `;`. An empty value is `null`.
 *
 * @example
 * ```ts
 * toCanonical(featuresField, 'api;sso'); // ['api', 'sso']
 * ```
 */
export function toCanonical(field: CrmField | undefined, text: string | null | undefined): unknown {
  if (text === null || text === undefined || text === '') return null;
  switch (field?.type) {
    case 'decimal':
    case 'currency':
    case 'percent':
      return toDecimalString(text);
    case 'integer':
      return Number(text);
    case 'boolean':
      return text === 'true';
    case 'date':
      return EPOCH_MS.test(text) ? toIsoDate(new Date(Number(text))) : text.slice(0, 10);
    case 'datetime':
      return toIsoDateTime(EPOCH_MS.test(text) ? Number(text) : text);
    case 'multi-enum':
      return parseMultiEnum(text, ';');
    default:
      return text;
  }
}
