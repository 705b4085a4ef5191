import { Connection } from 'jsforce';
import { cpuSince, report, since } from './report';
import { openSink, type SinkColumn } from './sink';

/**
 * The loader a developer would write instead of the hub, on the same client library (jsforce
 * 3.10.16): sign in, `query` then `queryMore` until done (2,000 records a page), each page
 * upserted by Id in one transaction. A full load remembers the highest SystemModstamp; an
 * incremental one reads `SystemModstamp > it` and moves it forward with each page.
 */
export interface SalesforceLoadInput {
  loginUrl: string;
  clientId: string;
  clientSecret: string;
  object: string;
  /** The fields to load (besides Id and SystemModstamp), each with its column types. */
  fields: SinkColumn[];
  mode: 'full' | 'incremental';
}

interface Page {
  records: Record<string, unknown>[];
  done: boolean;
  nextRecordsUrl?: string;
}

export async function main(args: string[]): Promise<void> {
  const input = JSON.parse(args[0] as string) as SalesforceLoadInput;
  const columns: SinkColumn[] = [
    { name: 'Id', sqlite: 'TEXT', postgres: 'TEXT' },
    { name: 'SystemModstamp', sqlite: 'TEXT', postgres: 'TIMESTAMPTZ' },
    ...input.fields,
  ];
  const sqlite = (process.env['DATABASE_URL'] ?? '').startsWith('sqlite:');
  const sink = await openSink(input.object.toLowerCase(), columns);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const conn = new Connection({ loginUrl: input.loginUrl, version: '62.0', oauth2: { loginUrl: input.loginUrl, clientId: input.clientId, clientSecret: input.clientSecret } });
  await conn.authorize({ grant_type: 'client_credentials' });
  const since_ = input.mode === 'incremental' ? await sink.state() : undefined;
  // SOQL takes datetimes as YYYY-MM-DDThh:mm:ssZ (no milliseconds: SystemModstamp has none).
  const where = since_ ? ` WHERE SystemModstamp > ${since_.replace(/\.\d{3}\+0000$/, 'Z')} ORDER BY SystemModstamp, Id` : '';
  const soql = `SELECT ${columns.map((c) => c.name).join(', ')} FROM ${input.object}${where}`;
  let records = 0;
  let watermark = since_ ?? '';
  let page = (await conn.query(soql)) as unknown as Page;
  for (;;) {
    const rows = page.records.map((r) => columns.map((c) => value(r[c.name], sqlite)));
    for (const r of page.records) if (String(r['SystemModstamp']) > watermark) watermark = String(r['SystemModstamp']);
    await sink.upsertPage(rows, page.done || input.mode === 'incremental' ? watermark : undefined);
    records += rows.length;
    if (page.done || !page.nextRecordsUrl) break;
    page = (await conn.queryMore(page.nextRecordsUrl)) as unknown as Page;
  }
  const seconds = since(started);
  const cpuSeconds = cpuSince(cpu);
  await sink.close();
  report({ records, seconds, cpuSeconds });
}

/** better-sqlite3 binds no booleans; everything else goes in as jsforce parsed it. */
function value(v: unknown, sqlite: boolean): unknown {
  if (v === undefined) return null;
  if (sqlite && typeof v === 'boolean') return v ? 1 : 0;
  return v;
}
