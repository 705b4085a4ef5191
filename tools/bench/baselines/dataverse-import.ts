import { cpuSince, report, since } from './report';
import { openSink, type SinkColumn } from './sink';

/**
 * The loader a developer would write for Dataverse with plain fetch: a client-credentials token,
 * `GET /<entityset>?$select=…` with `Prefer: odata.maxpagesize=5000`, pages followed by
 * `@odata.nextLink`, each upserted by id in one transaction. The highest `modifiedon` is stored
 * with the last page; an incremental load reads `modifiedon gt` it (whole rows: a delta link's
 * rows carry only the changed columns, which a plain upsert would turn into nulls).
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/page-results
 */
export interface DataverseLoadInput {
  apiUrl: string;
  tokenEndpoint: string;
  scope: string;
  clientId: string;
  clientSecret: string;
  entitySet: string;
  idColumn: string;
  /** Web API properties to load (besides the id and modifiedon), with their column types. */
  fields: SinkColumn[];
  mode: 'full' | 'incremental';
}

interface ODataPage {
  value: Record<string, unknown>[];
  '@odata.nextLink'?: string;
}

export async function main(args: string[]): Promise<void> {
  const input = JSON.parse(args[0] as string) as DataverseLoadInput;
  const columns: SinkColumn[] = [
    { name: input.idColumn, sqlite: 'TEXT', postgres: 'UUID' },
    { name: 'modifiedon', sqlite: 'TEXT', postgres: 'TIMESTAMPTZ' },
    ...input.fields,
  ];
  const sqlite = (process.env['DATABASE_URL'] ?? '').startsWith('sqlite:');
  const sink = await openSink(input.entitySet, columns);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const token = await accessToken(input);
  const headers = { authorization: `Bearer ${token}`, accept: 'application/json', 'odata-version': '4.0', prefer: 'odata.maxpagesize=5000' };
  const after = input.mode === 'incremental' ? await sink.state() : undefined;
  if (input.mode === 'incremental' && !after) throw new Error('No watermark stored: run a full load first');
  const filter = after ? `&$filter=modifiedon gt ${after}` : '';
  let url: string | undefined = `${input.apiUrl}/${input.entitySet}?$select=${columns.map((c) => c.name).join(',')}${filter}`;
  let records = 0;
  let watermark = after ?? '';
  while (url) {
    const res = await fetch(url, { headers });
    if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
    const page = (await res.json()) as ODataPage;
    const rows = page.value.map((r) => columns.map((c) => value(r[c.name], sqlite)));
    for (const r of page.value) if (String(r['modifiedon']) > watermark) watermark = String(r['modifiedon']);
    url = page['@odata.nextLink'];
    await sink.upsertPage(rows, url ? undefined : watermark);
    records += rows.length;
  }
  const seconds = since(started);
  const cpuSeconds = cpuSince(cpu);
  await sink.close();
  report({ records, seconds, cpuSeconds });
}

async function accessToken(input: DataverseLoadInput): Promise<string> {
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: input.clientId, client_secret: input.clientSecret, scope: input.scope });
  const res = await fetch(input.tokenEndpoint, { method: 'POST', body });
  if (!res.ok) throw new Error(`token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** better-sqlite3 binds no booleans; everything else goes in as the JSON had it. */
function value(v: unknown, sqlite: boolean): unknown {
  if (v === undefined) return null;
  if (sqlite && typeof v === 'boolean') return v ? 1 : 0;
  return v;
}
