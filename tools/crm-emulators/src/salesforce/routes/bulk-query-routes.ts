import type { HttpsEmulator } from '../../common/https-emulator';
import { checkCsvFormat, writeCsv } from '../bulk/bulk-csv';
import { jobInfoBase, type QueryJob } from '../bulk/bulk-jobs';
import { RestError, notFound } from '../errors';
import type { SalesforceOrg } from '../salesforce-org';
import { csvHeader, csvRow, runSoql } from '../soql/soql-executor';
import { apiRoute, json } from './route-kit';

/**
 * Bulk API 2.0 query jobs: create (runs at once), status, results paged by `locator` / `maxRecords`
 * with `Sforce-Locator` (`null` at the end) and `Sforce-NumberOfRecords`, abort, delete, list.
 * Jobs are purged 7 days after they finish (404 from then on); `failBulkResults()` of the control
 * interface makes result pages answer 503.
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_create_job.htm
 */
export function bulkQueryRoutes(server: HttpsEmulator, org: SalesforceOrg): void {
  const base = '/services/data/:version/jobs/query';
  const info = (job: QueryJob, detailed: boolean) => ({
    ...jobInfoBase(job, org.store.userId, detailed ? org.bulk.observe(job) : job.state),
    ...(detailed ? { jobType: 'V2Query' } : {}),
    lineEnding: job.format.lineEnding,
    columnDelimiter: job.format.columnDelimiter,
    ...(detailed ? { numberRecordsProcessed: job.run?.refs.length ?? 0, retries: 0, totalProcessingTime: 0, isPkChunkingSupported: true } : {}),
  });
  const find = (id: string | undefined): QueryJob => {
    const job = org.bulk.find(id ?? '');
    if (!job || job.kind !== 'query') throw notFound();
    return job;
  };

  // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_create_job.htm
  server.route('POST', base, 'bulk2.query', apiRoute(org, ({ req, version }) => {
    const body = req.json<{ operation?: string; query?: string; columnDelimiter?: string; lineEnding?: string }>();
    if (body.operation !== 'query' && body.operation !== 'queryAll') throw new RestError(400, 'INVALIDJOB', `InvalidJob : Invalid operation: ${body.operation}`);
    if (!body.query) throw new RestError(400, 'INVALIDJOB', 'InvalidJob : query is required');
    if (org.bulk.queryJobsLast24h() >= 10000) throw new RestError(400, 'LIMIT_EXCEEDED', 'Max bulk v2 query jobs (10000) per 24 hrs has been reached');
    const format = checkCsvFormat(body);
    const run = runSoql(body.query, org.schema, org.store, org.clock.nowMs(), body.operation === 'queryAll');
    // Bulk queries return flat CSV: compound fields and COUNT() have no column form.
    if (run.query.fields.some((p) => p.field.type === 'address' || p.field.type === 'location')) {
      throw new RestError(400, 'FUNCTIONALITY_NOT_ENABLED', 'Selecting compound data not supported in Bulk Query');
    }
    if (run.query.countOnly) throw new RestError(400, 'FUNCTIONALITY_NOT_ENABLED', 'Aggregate queries are not supported in Bulk Query');
    if (run.query.offset !== undefined) throw new RestError(400, 'FUNCTIONALITY_NOT_ENABLED', 'OFFSET is not supported in Bulk Query');
    const now = org.clock.nowMs();
    const job: QueryJob = {
      kind: 'query', id: org.bulk.newId(), object: run.query.def.name, operation: body.operation, query: body.query,
      createdMs: now, modifiedMs: now, state: 'UploadComplete', pollsLeft: org.options.bulkJobInProgressPolls, version, format, run,
    };
    org.bulk.jobs.set(job.id, job);
    const created = info(job, false);
    job.state = 'JobComplete';
    return json(created);
  }));

  // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_get_all_jobs.htm
  server.route('GET', base, 'bulk2.query', apiRoute(org, () =>
    json({ done: true, records: [...org.bulk.jobs.values()].filter((j): j is QueryJob => j.kind === 'query').map((j) => info(j, false)), nextRecordsUrl: null }),
  ));

  // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_get_one_job.htm
  server.route('GET', `${base}/:id`, 'bulk2.query', apiRoute(org, ({ req }) => json(info(find(req.params['id']), true))));

  // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_abort_job.htm
  server.route('PATCH', `${base}/:id`, 'bulk2.query', apiRoute(org, ({ req }) => {
    const job = find(req.params['id']);
    if (req.json<{ state?: string }>().state !== 'Aborted') throw new RestError(400, 'INVALIDJOBSTATE', 'Query jobs can only be aborted');
    if (job.state === 'JobComplete' && job.pollsLeft === 0) throw new RestError(400, 'INVALIDJOBSTATE', 'Job is already complete');
    Object.assign(job, { state: 'Aborted', run: undefined, modifiedMs: org.clock.nowMs() });
    return json(info(job, false));
  }));

  // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_delete_job.htm
  server.route('DELETE', `${base}/:id`, 'bulk2.query', apiRoute(org, ({ req }) => {
    org.bulk.jobs.delete(find(req.params['id']).id);
    return { status: 204 };
  }));

  // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_get_job_results.htm
  // Stateless paging: the locator is the offset into the job's fixed result, valid until the job is deleted.
  server.route('GET', `${base}/:id/results`, 'bulk2.query', apiRoute(org, ({ req }) => {
    const job = find(req.params['id']);
    if (org.bulk.takeResultFault()) throw new RestError(503, 'SERVER_UNAVAILABLE', 'Server temporarily unavailable. Please try again later.');
    if (job.state !== 'JobComplete' || job.pollsLeft > 0 || !job.run) throw new RestError(400, 'INVALIDJOBSTATE', `Job is not complete (state ${job.state})`);
    const locator = req.url.searchParams.get('locator');
    const offset = locator ? Number(Buffer.from(locator, 'base64url').toString('utf8')) : 0;
    if (!Number.isInteger(offset) || offset < 0 || offset > job.run.refs.length) throw new RestError(400, 'INVALID_LOCATOR', `Invalid locator: ${locator}`);
    const max = Number(req.url.searchParams.get('maxRecords') ?? org.options.bulkPageSize);
    if (!Number.isInteger(max) || max < 1) throw new RestError(400, 'INVALID_MAX_RECORDS', `Invalid maxRecords: ${max}`);
    const { run } = job;
    const table = org.store.table(run.query.def);
    const end = Math.min(run.refs.length, offset + max);
    const rows = run.refs.slice(offset, end).map((ref) => csvRow(run.query, table.resolve(ref)));
    return {
      status: 200,
      headers: {
        'Content-Type': 'text/csv',
        'Sforce-Locator': end < run.refs.length ? Buffer.from(String(end)).toString('base64url') : 'null',
        'Sforce-NumberOfRecords': String(rows.length),
      },
      body: writeCsv(job.format, csvHeader(run.query), rows),
    };
  }));
}
