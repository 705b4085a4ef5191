import type { QueryRunner } from 'typeorm';
import { quoteIdentifier } from '../data-source';
import { assertGeneratedIdentifier, fitIdentifier } from './identifiers';
import type { SqlDialect } from './sql-dialect';

/** The database-wide counter change capture numbers changes with (a sequence on PostgreSQL, a one-row table on SQLite). */
export const CHANGE_COUNTER = 'hub_change_counter';

/**
 * Creates the change counter and the trigger function once per database (idempotent: every table
 * creation makes sure they exist).
 *
 * @example
 * ```ts
 * await createChangeCounter(runner, 'postgres');
 * ```
 */
export async function createChangeCounter(runner: QueryRunner, dialect: SqlDialect): Promise<void> {
  if (dialect === 'postgres') {
    await runner.query(`CREATE SEQUENCE IF NOT EXISTS "${CHANGE_COUNTER}"`);
    const [found] = (await runner.query(
      `SELECT 1 AS found FROM pg_proc WHERE proname = 'hub_capture_change' AND pronamespace = current_schema()::regnamespace`,
    )) as unknown[];
    if (found) return;
    await runner.query(
      `CREATE OR REPLACE FUNCTION "hub_capture_change"() RETURNS trigger AS $$
       BEGIN
         IF TG_OP = 'INSERT' THEN
           IF NEW."hub_sync_token" IS NULL THEN
             NEW."hub_change_seq" := nextval('"${CHANGE_COUNTER}"');
             NEW."hub_origin" := 'hub';
           END IF;
         ELSIF NEW."hub_sync_token" IS NOT DISTINCT FROM OLD."hub_sync_token" THEN
           NEW."hub_change_seq" := nextval('"${CHANGE_COUNTER}"');
           NEW."hub_updated_at" := now();
         END IF;
         RETURN NEW;
       END $$ LANGUAGE plpgsql`,
    );
    return;
  }
  await runner.query(`CREATE TABLE IF NOT EXISTS "${CHANGE_COUNTER}" ("id" INTEGER PRIMARY KEY CHECK ("id" = 1), "value" INTEGER NOT NULL)`);
  await runner.query(`INSERT INTO "${CHANGE_COUNTER}" ("id", "value") VALUES (1, 0) ON CONFLICT DO NOTHING`);
}

/**
 * The index export jobs read changes by. Partial: only rows changed outside the sync engine have a
 * `hub_change_seq`, so the rows an import writes (NULL) are not in it and cost it nothing (8 % of
 * SQLite's work on an import when they were). Both databases use it for `"hub_change_seq" > …`
 * and `<= …`, which imply the column is not null.
 */
export async function createChangeSeqIndex(runner: QueryRunner, table: string): Promise<void> {
  const name = quoteIdentifier(assertGeneratedIdentifier(table));
  await runner.query(`CREATE INDEX ${quoteIdentifier(fitIdentifier(`${table}_change_seq_ix`))} ON ${name} ("hub_change_seq") WHERE "hub_change_seq" IS NOT NULL`);
}

/**
 * Captures, in the database itself, every change of a generated table that the sync engine did not
 * make — whoever makes it: the API, or the platform's own SQL. Each such insert or update gets the
 * next `hub_change_seq` (export jobs read the rows changed since their checkpoint by it), and rows
 * inserted that way get `hub_origin = 'hub'`. The sync engine marks its own writes by changing
 * `hub_sync_token`, so what imports write is never sent back (no echo). Triggers stay through ALTER
 * TABLE (drift) on both databases. On SQLite they rely on `recursive_triggers` being off (the
 * default): the trigger's own UPDATE does not fire it again.
 *
 * @example
 * ```ts
 * await installChangeCapture(runner, dialect, 'crm_acme_contact');
 * ```
 */
export async function installChangeCapture(runner: QueryRunner, dialect: SqlDialect, table: string): Promise<void> {
  const name = quoteIdentifier(assertGeneratedIdentifier(table));
  const trigger = (suffix: string) => quoteIdentifier(fitIdentifier(`${table}_${suffix}`));
  if (dialect === 'postgres') {
    await runner.query(`CREATE TRIGGER ${trigger('capture')} BEFORE INSERT OR UPDATE ON ${name} FOR EACH ROW EXECUTE FUNCTION "hub_capture_change"()`);
    return;
  }
  const now = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;
  const next = `UPDATE "${CHANGE_COUNTER}" SET "value" = "value" + 1 WHERE "id" = 1;`;
  const seq = `(SELECT "value" FROM "${CHANGE_COUNTER}" WHERE "id" = 1)`;
  await runner.query(
    `CREATE TRIGGER ${trigger('capture_insert')} AFTER INSERT ON ${name} WHEN NEW."hub_sync_token" IS NULL BEGIN
       ${next}
       UPDATE ${name} SET "hub_change_seq" = ${seq}, "hub_origin" = 'hub' WHERE "hub_id" = NEW."hub_id";
     END`,
  );
  await runner.query(
    `CREATE TRIGGER ${trigger('capture_update')} AFTER UPDATE ON ${name} WHEN NEW."hub_sync_token" IS OLD."hub_sync_token" BEGIN
       ${next}
       UPDATE ${name} SET "hub_change_seq" = ${seq}, "hub_updated_at" = ${now} WHERE "hub_id" = NEW."hub_id";
     END`,
  );
}

/**
 * Adds the change-capture columns, index and triggers to a table made before change capture existed.
 *
 * @example
 * ```ts
 * for (const table of generatedTables) await addChangeCapture(runner, dialect, table);
 * ```
 */
export async function addChangeCapture(runner: QueryRunner, dialect: SqlDialect, table: string): Promise<void> {
  const name = quoteIdentifier(assertGeneratedIdentifier(table));
  await runner.query(`ALTER TABLE ${name} ADD COLUMN "hub_change_seq" ${dialect === 'postgres' ? 'bigint' : 'INTEGER'}`);
  await runner.query(`ALTER TABLE ${name} ADD COLUMN "hub_sync_token" ${dialect === 'postgres' ? 'bigint' : 'INTEGER'}`);
  await createChangeSeqIndex(runner, table);
  // Existing rows were written by imports (or are already known): they are not changes to export.
  await runner.query(`UPDATE ${name} SET "hub_sync_token" = 0`);
  await createChangeCounter(runner, dialect);
  await installChangeCapture(runner, dialect, table);
}
