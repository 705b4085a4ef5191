import { soqlDateTime, soqlString } from './soql-literals';

/**
 * A position in `(cursor, Id)` order: everything at or before it has been read.
 *
 * @example
 * ```ts
 * const wm: Watermark = { modstamp: '2026-03-01T10:00:00.000Z', id: '003000000000123AAA' };
 * ```
 */
export interface Watermark {
  /** Canonical ISO datetime of the cursor field. */
  modstamp: string;
  /** The last Id read at that stamp ('' = none yet: the whole stamp is still ahead). */
  id: string;
}

/**
 * Orders watermarks as the query does (`ORDER BY cursor, Id`): negative when `a` comes first.
 * Ids compare as strings, as Salesforce compares them in `Id > '…'`.
 *
 * @example
 * ```ts
 * compareWatermarks({ modstamp: t, id: '003A' }, { modstamp: t, id: '003B' }); // < 0
 * ```
 */
export function compareWatermarks(a: Watermark, b: Watermark): number {
  const byTime = Date.parse(a.modstamp) - Date.parse(b.modstamp);
  if (byTime !== 0) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The SOQL condition "strictly after the watermark" in `(cursor, Id)` order:
 * `(C > t OR (C = t AND Id > 'id'))`. Strict on the tuple, so a stamp shared by many records
 * across a page boundary is neither repeated (`>=` alone) nor skipped (`>` alone). A watermark
 * without an id (the start of a stamp) is `C >= t`.
 * https://github.com/airbytehq/airbyte/blob/master/airbyte-integrations/connectors/source-salesforce/source_salesforce/streams.py
 *
 * @example
 * ```ts
 * afterWatermark('SystemModstamp', { modstamp: '2026-03-01T10:00:00.000Z', id: '003A' });
 * // "(SystemModstamp > 2026-03-01T10:00:00Z OR (SystemModstamp = 2026-03-01T10:00:00Z AND Id > '003A'))"
 * ```
 */
export function afterWatermark(cursorField: string, wm: Watermark): string {
  const t = soqlDateTime(wm.modstamp);
  // No id yet: the whole stamp is ahead. (Salesforce refuses `Id > ''`: not a valid id literal.)
  if (wm.id === '') return `${cursorField} >= ${t}`;
  return `(${cursorField} > ${t} OR (${cursorField} = ${t} AND Id > ${soqlString(wm.id)}))`;
}

/**
 * The SOQL condition "no later than `upperBound`" (the read's safety-lagged "now").
 *
 * @example
 * ```ts
 * notAfter('SystemModstamp', Date.parse('2026-03-01T10:00:00Z')); // 'SystemModstamp <= 2026-03-01T10:00:00Z'
 * ```
 */
export function notAfter(cursorField: string, upperBound: number): string {
  return `${cursorField} <= ${soqlDateTime(upperBound)}`;
}
