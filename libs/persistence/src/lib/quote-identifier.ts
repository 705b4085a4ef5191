/** Quotes an SQL identifier (same rule on SQLite and PostgreSQL): double quotes, inner quotes doubled. */
export function quoteIdentifier(name: string): string {
  if (name.includes('\0')) throw new Error('An SQL identifier cannot contain a NUL character');
  return `"${name.replace(/"/g, '""')}"`;
}
