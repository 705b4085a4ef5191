import type { SalesforceEmulator } from '@crm-hub/crm-emulators';
import type { SyncWorld } from './sync-world';
import type { ComparedField } from './table-compare';

/** The rows of a generated table by CRM id (live ones only, unless `live` is false). */
export async function hubRows(world: SyncWorld, table: string, live = true): Promise<Map<string, Record<string, unknown>>> {
  const rows = (await world.database.dataSource.query(`SELECT * FROM "${table}"${live ? ' WHERE hub_deleted_at IS NULL' : ''}`)) as Record<string, unknown>[];
  return new Map(rows.map((r) => [String(r['crm_id']), r]));
}

/** A Salesforce emulator's records of an object by id, as its REST API shows them. */
export function crmRows(sf: SalesforceEmulator, object: string): Map<string, Record<string, unknown>> {
  return new Map(sf.records(object).map((r) => [String(r['Id']), r]));
}

/** A schema's fields as the API shows them. */
export async function schemaFields(world: SyncWorld, schemaId: string): Promise<ComparedField[]> {
  return (await world.raw().call<{ fields: ComparedField[] }>('GET', `/api/schemas/${schemaId}`)).body.fields;
}

/** How many rows a table holds. */
export async function rowCount(world: SyncWorld, table: string, where = '1 = 1'): Promise<number> {
  const [{ n }] = (await world.database.dataSource.query(`SELECT COUNT(*) AS n FROM "${table}" WHERE ${where}`)) as [{ n: string | number }];
  return Number(n);
}

/**
 * Inserts rows into a generated table with plain SQL, as the platform's own code would, in
 * statements of `perStatement` rows (PostgreSQL's placeholders numbered within each statement).
 */
export async function insertRows(
  db: { query(sql: string, parameters: unknown[]): Promise<unknown> },
  postgres: boolean,
  table: string,
  columns: string[],
  rows: unknown[][],
  perStatement = 200,
): Promise<void> {
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    let n = 0;
    const tuples = chunk.map((row) => `(${row.map(() => (postgres ? `$${++n}` : '?')).join(', ')})`);
    await db.query(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${tuples.join(', ')}`, chunk.flat());
  }
}
