/**
 * Stored field values: strings (text, picklists, ids, `YYYY-MM-DD` dates, `HH:mm:ss.SSSZ` times,
 * multi-select picklists as `a;b`), numbers (numbers and datetimes as epoch ms), booleans, null.
 * A field missing from a row (e.g. added to the schema later) reads as null.
 */
export type FieldValue = string | number | boolean | null;

/** A stored record version; never mutated once stored, so query cursors can keep it as a snapshot. */
export type Row = Readonly<Record<string, FieldValue>>;
