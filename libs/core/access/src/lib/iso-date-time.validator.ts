import { isISO8601, ValidateBy } from 'class-validator';

/**
 * An ISO 8601 date or date-time that JavaScript can hold as a Date (`2027-01-31`,
 * `2027-01-31T00:00:00Z`). `isISO8601` alone also accepts the basic format (`20270131`) and years
 * beyond 9999, which `new Date` turns into an invalid date: those are refused too, naming `field`.
 */
export function IsIsoDateTime(field: string, example: string): PropertyDecorator {
  const message = `${field} must be an ISO 8601 date-time, e.g. ${example}`;
  return ValidateBy({ name: 'isIsoDateTime', validator: { validate: storable, defaultMessage: () => message } });
}

function storable(value: unknown): boolean {
  if (typeof value !== 'string' || !isISO8601(value, { strict: true }) || !/^\d{4}-\d{2}-\d{2}(T|$)/.test(value)) return false;
  return Number.isFinite(new Date(value).getTime());
}
