import type { QueryRunner } from 'typeorm';
import { quoteIdentifier } from '../data-source';
import { assertGeneratedIdentifier } from './identifiers';

/**
 * Drops a generated table with its data: only on an explicit request (deleting a schema with
 * `dropTable=true`); the name is checked as a generated identifier first, so no other table can be named.
 */
export async function dropDataTable(runner: QueryRunner, table: string): Promise<void> {
  await runner.query(`DROP TABLE IF EXISTS ${quoteIdentifier(assertGeneratedIdentifier(table))}`);
}
