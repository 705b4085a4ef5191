import { parse } from 'csv-parse/sync';

/**
 * Bulk CSV (header row, then one row per record; RFC 4180 quoting) as objects of cell text. Bulk
 * CSV has no null: an empty cell is an empty string.
 *
 * @example
 * ```ts
 * parseCsv('"Id","Name"\n"001","Acme"\n'); // [{ Id: '001', Name: 'Acme' }]
 * ```
 */
export function parseCsv(text: string): Record<string, string>[] {
  return text.trim() === '' ? [] : (parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[]);
}
