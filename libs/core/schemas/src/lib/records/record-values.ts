import type { HubColumnType } from '@crm-hub/persistence';

/** A stored value back in its canonical JS form, whichever database held it. */
export function fromColumn(value: unknown, type: HubColumnType | null): unknown {
  if (value === null || value === undefined || !type) return value ?? null;
  switch (type.kind) {
    case 'boolean':
      return value === true || value === 1 || value === '1' || value === 't';
    case 'integer':
      return typeof value === 'string' && Number.isSafeInteger(Number(value)) ? Number(value) : value;
    case 'decimal':
      return String(value);
    case 'timestamp':
      return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
    case 'date':
      return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
    case 'time':
      return String(value).length === 8 ? `${String(value)}.000` : String(value);
    case 'json':
      return typeof value === 'string' ? JSON.parse(value) : value;
    default:
      return value;
  }
}
