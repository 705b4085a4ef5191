import { Connection } from 'jsforce';
import { openSink, type SinkColumn } from './sink';

/**
 * What a developer would write to follow changes: load the object once, then every
 * `pollIntervalMs` query `SystemModstamp >= the last one seen` (query + queryMore) and upsert
 * what came, until stopped. (`>=`: a record stamped in the same second as the last one read is
 * not missed; the ones read again are upserted again, harmlessly.)
 */
export interface SalesforceFollowInput {
  loginUrl: string;
  clientId: string;
  clientSecret: string;
  object: string;
  fields: SinkColumn[];
  pollIntervalMs: number;
}

interface Page {
  records: Record<string, unknown>[];
  done: boolean;
  nextRecordsUrl?: string;
}

export async function main(args: string[]): Promise<void> {
  const input = JSON.parse(args[0] as string) as SalesforceFollowInput;
  const columns: SinkColumn[] = [{ name: 'Id', sqlite: 'TEXT', postgres: 'TEXT' }, { name: 'SystemModstamp', sqlite: 'TEXT', postgres: 'TIMESTAMPTZ' }, ...input.fields];
  const sink = await openSink(input.object.toLowerCase(), columns);
  const conn = new Connection({ loginUrl: input.loginUrl, version: '62.0', oauth2: { loginUrl: input.loginUrl, clientId: input.clientId, clientSecret: input.clientSecret } });
  await conn.authorize({ grant_type: 'client_credentials' });
  let stopped = false;
  process.once('SIGTERM', () => (stopped = true));
  let watermark = '';
  while (!stopped) {
    const where = watermark ? ` WHERE SystemModstamp >= ${watermark.replace(/\.\d{3}\+0000$/, 'Z')}` : '';
    let page = (await conn.query(`SELECT ${columns.map((c) => c.name).join(', ')} FROM ${input.object}${where} ORDER BY SystemModstamp, Id`)) as unknown as Page;
    for (;;) {
      for (const r of page.records) if (String(r['SystemModstamp']) > watermark) watermark = String(r['SystemModstamp']);
      await sink.upsertPage(page.records.map((r) => columns.map((c) => r[c.name] ?? null)));
      if (page.done || !page.nextRecordsUrl) break;
      page = (await conn.queryMore(page.nextRecordsUrl)) as unknown as Page;
    }
    await new Promise((done) => setTimeout(done, input.pollIntervalMs));
  }
  await sink.close();
}
