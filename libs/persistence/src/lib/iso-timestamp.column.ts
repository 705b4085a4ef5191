import { Column, type ColumnOptions, type ValueTransformer } from 'typeorm';

/**
 * Core tables keep instants as ISO 8601 UTC strings (`2026-01-01T10:00:00.000Z`): the same column
 * type and the same exact value on SQLite and PostgreSQL, sortable as text. (Generated CRM data
 * tables use native timestamp types instead.)
 */
const isoTransformer: ValueTransformer = {
  to: (value: Date | null | undefined) => (value instanceof Date ? value.toISOString() : value),
  from: (value: string | null) => (value === null || value === undefined ? value : new Date(value)),
};

/** A `Date` property stored as an ISO 8601 UTC string. */
export function IsoTimestampColumn(options: Omit<ColumnOptions, 'type' | 'length' | 'transformer'> = {}): PropertyDecorator {
  return Column({ ...options, type: 'varchar', length: 24, transformer: isoTransformer });
}
