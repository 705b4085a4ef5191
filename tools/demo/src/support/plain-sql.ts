import Database from 'better-sqlite3';

/** A double-quoted SQL identifier (the hub's own names, but quoted all the same). */
function quoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Inserts rows into a hub table with plain SQL, straight into the SQLite file, the way a platform
 * writes to its own database: no API involved. The hub's triggers capture them for export.
 */
export function insertRowsWithPlainSql(databaseFile: string, table: string, columns: string[], rows: unknown[][]): number {
  const db = new Database(databaseFile, { fileMustExist: true });
  try {
    // The hub writes to the same file: wait for its transactions rather than fail on a busy database.
    db.pragma('busy_timeout = 5000');
    const insert = db.prepare(`INSERT INTO ${quoted(table)} (${columns.map(quoted).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    let inserted = 0;
    db.transaction(() => {
      for (const row of rows) inserted += insert.run(...row).changes;
    })();
    return inserted;
  } finally {
    db.close();
  }
}

/** The statement a reader could type into sqlite3 to do the same, for the demo's printout. */
export function plainSqlExample(table: string, columns: string[], row: unknown[]): string {
  const values = row.map((v) => `'${String(v).replace(/'/g, "''")}'`).join(', ');
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${values});`;
}
