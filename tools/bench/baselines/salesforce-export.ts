import { Connection } from 'jsforce';
import { types } from 'pg';
import { cpuSince, report, since } from './report';
import { openSink, type SinkColumn } from './sink';

/**
 * The export a developer would write with jsforce 3.10.16: read the platform's rows 200 at a time
 * (keyset on the external id), upsert them by external id through sObject Collections
 * (`sobject().upsert(records, extIdField)`, one call per 200), and store each returned Salesforce
 * id on its row, one transaction per batch. Failures are counted, not retried.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_upsert.htm
 */
export interface SalesforceExportInput {
  loginUrl: string;
  clientId: string;
  clientSecret: string;
  object: string;
  table: string;
  externalId: string;
  fields: SinkColumn[];
}

const BATCH = 200;
// PostgreSQL dates as the text they are (pg would make local-midnight Date objects of them).
types.setTypeParser(1082, (v: string) => v);

interface UpsertResult {
  id?: string;
  success: boolean;
}

export async function main(args: string[]): Promise<void> {
  const input = JSON.parse(args[0] as string) as SalesforceExportInput;
  const sqlite = (process.env['DATABASE_URL'] ?? '').startsWith('sqlite:');
  const sink = await openSink(input.table, [{ name: input.externalId, sqlite: 'TEXT', postgres: 'TEXT' }]);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const conn = new Connection({ loginUrl: input.loginUrl, version: '62.0', oauth2: { loginUrl: input.loginUrl, clientId: input.clientId, clientSecret: input.clientSecret } });
  await conn.authorize({ grant_type: 'client_credentials' });
  const names = input.fields.map((f) => `"${f.name}"`).join(', ');
  let after = '';
  let records = 0;
  let failed = 0;
  for (;;) {
    const rows = await sink.all<Record<string, unknown>>(
      `SELECT ${names} FROM "${input.table}" WHERE "${input.externalId}" > ? ORDER BY "${input.externalId}" LIMIT ${BATCH}`,
      [after],
    );
    if (rows.length === 0) break;
    const payload = rows.map((row) => Object.fromEntries(input.fields.map((f) => [f.name, value(row[f.name], f, sqlite)])));
    const results = (await conn.sobject(input.object).upsert(payload, input.externalId, { allOrNone: false })) as unknown as UpsertResult[];
    const updates = results.flatMap((r, i) => (r.success && r.id ? [{ sql: `UPDATE "${input.table}" SET "sf_id" = ? WHERE "${input.externalId}" = ?`, params: [r.id, rows[i]?.[input.externalId]] }] : []));
    failed += results.length - updates.length;
    await sink.transaction(updates);
    records += rows.length;
    after = String(rows[rows.length - 1]?.[input.externalId]);
  }
  const seconds = since(started);
  const cpuSeconds = cpuSince(cpu);
  await sink.close();
  report({ records, seconds, cpuSeconds, failed });
}

/** Column values as Salesforce takes them: booleans from SQLite's 0/1, numbers from decimal text, dates as text. */
function value(v: unknown, field: SinkColumn, sqlite: boolean): unknown {
  if (v === null || v === undefined) return null;
  if (field.postgres === 'BOOLEAN') return sqlite ? v === 1 : v;
  if (typeof v === 'string' && /^NUMERIC|DOUBLE/.test(field.postgres)) return Number(v);
  if (v instanceof Date) return v.toISOString();
  return v;
}
