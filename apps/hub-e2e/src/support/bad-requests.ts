import { gzipSync } from 'node:zlib';

type Ids = { fixture: string; salesforce: string; schema: string };

/** A request the hub must refuse with `status` (problem+json), changing nothing. */
export interface BadRequest {
  name: string;
  method: string;
  path: (ids: Ids) => string;
  headers?: Record<string, string>;
  body?: (ids: Ids) => string | Buffer;
  /** Bytes sent as they are, for requests no HTTP client would send. */
  raw?: (apiKey: string) => string;
  status: number;
  /** A field the problem's `errors[]` must name. */
  field?: string;
}

const json = { 'content-type': 'application/json' };
const account = (config: Record<string, unknown>, name = 'bad') => JSON.stringify({ name, pluginId: 'fixture-crm', config });
const valid = { baseUrl: 'https://crm.example.com', token: 'another-token-123456' };
const filter = (f: unknown) => (ids: Ids) => `/api/schemas/${ids.schema}/records?filter=${encodeURIComponent(JSON.stringify(f))}`;
const patch = (body: string) => ({ method: 'PATCH', path: (ids: Ids) => `/api/accounts/${ids.fixture}`, headers: json, body: () => body });

/** The cases of issue 10 ("Bad input: 4xx problem+json, never 5xx") and the settings limits. */
export const badRequests: BadRequest[] = [
  // 6: bodies
  { name: 'Content-Encoding: gzip over a plain body', method: 'POST', path: () => '/api/accounts', headers: { ...json, 'content-encoding': 'gzip' }, body: () => account(valid), status: 400 },
  { name: 'Content-Encoding: br over a plain body', method: 'POST', path: () => '/api/accounts', headers: { ...json, 'content-encoding': 'br' }, body: () => account(valid), status: 400 },
  { name: 'an unsupported Content-Encoding', method: 'POST', path: () => '/api/accounts', headers: { ...json, 'content-encoding': 'compress' }, body: () => gzipSync(account(valid)), status: 415 },
  { name: 'JSON nested 10,000 levels', method: 'POST', path: () => '/api/accounts', headers: json, body: () => `{"name":"deep","pluginId":"fixture-crm","config":${'['.repeat(10_000)}${']'.repeat(10_000)}}`, status: 400 },
  { name: 'PATCH {"name": null}', ...patch('{"name":null}'), status: 400, field: 'name' },
  { name: 'PATCH {"config": null}', ...patch('{"config":null}'), status: 400, field: 'config' },
  // 6: NUL characters
  { name: 'a NUL in a string of the body', method: 'POST', path: () => '/api/accounts', headers: json, body: () => account(valid, 'nul\u0000name'), status: 400, field: 'name' },
  { name: 'a NUL in a setting (PATCH)', ...patch(JSON.stringify({ config: { apiVersion: 'v\u00002' } })), status: 400, field: 'config.apiVersion' },
  { name: 'a NUL in a path parameter', method: 'GET', path: () => '/api/accounts/%00', status: 400, field: 'path' },
  { name: 'a NUL in a path parameter (DELETE)', method: 'DELETE', path: (ids) => `/api/accounts/${ids.fixture}%00`, status: 400, field: 'path' },
  { name: 'a NUL in a query parameter', method: 'GET', path: () => '/api/schemas?accountId=%00', status: 400, field: 'query.accountId' },
  { name: 'a NUL in a filter value (as %00)', method: 'GET', path: (ids) => `/api/schemas/${ids.schema}/records?filter=%7B%22field%22%3A%22Name%22%2C%22op%22%3A%22eq%22%2C%22value%22%3A%22a%00%22%7D`, status: 400, field: 'query.filter' },
  { name: 'a NUL in a filter value (as \\u0000 in its JSON)', method: 'GET', path: filter({ or: [{ field: 'Name', op: 'eq', value: 'a\u0000' }, { field: 'Name', op: 'contains', value: '\u0000' }] }), status: 400, field: 'filter.or[1].value' },
  // 6: record filters of the wrong type
  { name: 'a date compared with "not-a-date"', method: 'GET', path: filter({ field: 'Start_Date__c', op: 'gt', value: 'not-a-date' }), status: 400, field: 'filter.value' },
  { name: 'a timestamp compared with a date only', method: 'GET', path: filter({ field: 'Renewal_At__c', op: 'ge', value: '2026-01-31' }), status: 400, field: 'filter.value' },
  { name: 'eq 2 on a boolean', method: 'GET', path: filter({ and: [{ field: 'Active__c', op: 'eq', value: 2 }] }), status: 400, field: 'filter.and[0].value' },
  { name: 'a decimal that is not a number', method: 'GET', path: filter({ field: 'Amount__c', op: 'in', value: ['1', 'ten'] }), status: 400, field: 'filter.value[1]' },
  { name: 'contains on a decimal', method: 'GET', path: filter({ field: 'Amount__c', op: 'contains', value: '1' }), status: 400, field: 'filter' },
  { name: 'gt on a boolean', method: 'GET', path: filter({ not: { field: 'Active__c', op: 'gt', value: true } }), status: 400, field: 'filter.not' },
  // 7
  { name: 'a __proto__ key in the settings', method: 'POST', path: () => '/api/accounts', headers: json, body: () => account(valid).replace('"config":{', '"config":{"__proto__":{"polluted":true},'), status: 400, field: 'config.__proto__' },
  { name: 'a constructor key in the settings (PATCH)', ...patch('{"config":{"constructor":{"prototype":{"polluted":true}}}}'), status: 400, field: 'config.constructor' },
  { name: 'limit=0x10', method: 'GET', path: (ids) => `/api/schemas/${ids.schema}/records?limit=0x10`, status: 400, field: 'limit' },
  { name: 'limit=1e1 on another route', method: 'GET', path: () => '/api/sync/runs?limit=1e1', status: 400, field: 'limit' },
  { name: 'malformed JSON', method: 'POST', path: () => '/api/accounts', headers: json, body: () => '{"name":', status: 400 },
  { name: 'a body larger than 1 MiB', method: 'POST', path: () => '/api/accounts', headers: json, body: () => account({ ...valid, apiVersion: 'x'.repeat(1_100_000) }), status: 413 },
  { name: 'a form body', method: 'POST', path: () => '/api/accounts', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: () => 'name=x', status: 415 },
  { name: 'an unknown method', method: 'RAW', path: () => '', raw: () => 'BREW /api/accounts HTTP/1.1\r\nHost: hub\r\n\r\n', status: 400 },
  { name: 'headers over 16 KiB (431)', method: 'RAW', path: () => '', raw: (key) => `GET /api/accounts HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer ${key}\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, status: 431 },
  { name: 'a bad Content-Length', method: 'RAW', path: () => '', raw: (key) => `POST /api/accounts HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/json\r\nContent-Length: 12abc\r\n\r\n{}`, status: 400 },
  // Secrets 1 and 4: settings limits, credentials in URLs
  { name: 'a setting over 16 KiB', method: 'POST', path: () => '/api/accounts', headers: json, body: () => account({ ...valid, token: 't'.repeat(17 * 1024) }), status: 400, field: 'config.token' },
  { name: 'settings over 64 KiB', method: 'POST', path: () => '/api/accounts', headers: json, body: () => account({ ...valid, ...Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`x${i}`, 'y'.repeat(8 * 1024)])) }), status: 400, field: 'config' },
  { name: 'a URL with user:password@', method: 'POST', path: () => '/api/accounts', headers: json, body: () => account({ ...valid, baseUrl: 'https://admin:s3cret-pass@crm.example.com' }), status: 400, field: 'config.baseUrl' },
  { name: 'a URL with user:password@ (PATCH)', ...patch(JSON.stringify({ config: { baseUrl: 'https://admin:s3cret-pass@crm.example.com' } })), status: 400, field: 'config.baseUrl' },
];
