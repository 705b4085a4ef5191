import Table from 'cli-table3';

/** A value as one table cell: numbers grouped, booleans as yes/no, nothing as an empty cell. */
export function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map(cell).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

// No colours: tables go to terminals, pipes and CI logs alike, and must read the same everywhere.
const PLAIN_STYLE = { head: [] as string[], border: [] as string[] };

/** Rows under a header line; an empty list says so instead of printing an empty frame. */
export function table(headers: string[], rows: unknown[][], empty = '(none)'): string {
  if (rows.length === 0) return empty;
  const printed = new Table({ head: headers, style: PLAIN_STYLE });
  for (const row of rows) printed.push(row.map(cell));
  return printed.toString();
}

/** One record as label/value lines (for `show` commands). */
export function details(pairs: [string, unknown][]): string {
  const printed = new Table({ style: PLAIN_STYLE });
  for (const [label, value] of pairs) if (value !== undefined) printed.push({ [label]: cell(value) });
  return printed.toString();
}
