import type { HttpsEmulator } from '../../common/https-emulator';
import { checkCsvFormat, readCsv, writeCsv } from '../bulk/bulk-csv';
import { processIngestJob } from '../bulk/bulk-ingest-processor';
import { jobInfoBase, type IngestJob } from '../bulk/bulk-jobs';
import { RestError, notFound } from '../errors';
import type { SalesforceOrg } from '../salesforce-org';
import { apiRoute, json } from './route-kit';

const OPERATIONS = new Set(['insert', 'update', 'upsert', 'delete', 'hardDelete']);

/**
 * Bulk API 2.0 ingest jobs: create (Open), upload CSV, UploadComplete (processes) or Aborted, status,
 * successful / failed / unprocessed results, delete, list.
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/bulk_api_2_0.htm
 */
export function bulkIngestRoutes(server: HttpsEmulator, org: SalesforceOrg): void {
  const base = '/services/data/:version/jobs/ingest';
  const info = (job: IngestJob, detailed: boolean) => {
    const state = detailed ? org.bulk.observe(job) : job.state;
    const done = state === 'JobComplete' || state === 'Failed';
    return {
      ...jobInfoBase(job, org.store.userId, state),
      ...(detailed ? { jobType: 'V2Ingest' } : {}),
      contentUrl: `services/data/${job.version}/jobs/ingest/${job.id}/batches`,
      lineEnding: job.format.lineEnding,
      columnDelimiter: job.format.columnDelimiter,
      ...(detailed
        ? {
            numberRecordsProcessed: done ? job.successful.length + job.failed.length : 0,
            numberRecordsFailed: done ? job.failed.length : 0,
            retries: 0,
            totalProcessingTime: 0,
            apiActiveProcessingTime: 0,
            apexProcessingTime: 0,
            ...(job.errorMessage && done ? { errorMessage: job.errorMessage } : {}),
          }
        : {}),
    };
  };
  const find = (id: string | undefined): IngestJob => {
    const job = org.bulk.find(id ?? '');
    if (!job || job.kind !== 'ingest') throw notFound();
    return job;
  };

  // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/create_job.htm
  server.route('POST', base, 'bulk2.ingest', apiRoute(org, ({ req, version }) => {
    const body = req.json<{ object?: string; operation?: string; externalIdFieldName?: string; contentType?: string; columnDelimiter?: string; lineEnding?: string }>();
    const def = org.schema.find(body.object ?? '');
    if (!def) throw new RestError(400, 'INVALIDENTITY', `InvalidEntity : Entity '${body.object}' is not supported by the Bulk API.`);
    if (!OPERATIONS.has(body.operation ?? '')) throw new RestError(400, 'INVALIDJOB', `InvalidJob : Invalid operation: ${body.operation}`);
    if (body.contentType && body.contentType !== 'CSV') throw new RestError(400, 'INVALIDJOB', `InvalidJob : Invalid content type: ${body.contentType}`);
    const extField = body.externalIdFieldName ? org.schema.field(def, body.externalIdFieldName) : undefined;
    if (body.operation === 'upsert' && !(extField && (extField.externalId || extField.name === 'Id'))) {
      throw new RestError(400, 'INVALIDJOB', `InvalidJob : External ID was blank or not an External ID field for ${def.name}. An External ID must be specified for upsert.`);
    }
    const now = org.clock.nowMs();
    const job: IngestJob = {
      kind: 'ingest', id: org.bulk.newId(), object: def.name, operation: body.operation as IngestJob['operation'],
      ...(extField ? { externalIdFieldName: extField.name } : {}),
      createdMs: now, modifiedMs: now, state: 'Open', pollsLeft: 0, version, format: checkCsvFormat(body),
      uploads: [], header: [], successful: [], failed: [], unprocessed: [], batches: 0,
    };
    org.bulk.jobs.set(job.id, job);
    return json(info(job, false));
  }));

  // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_all_jobs.htm
  server.route('GET', base, 'bulk2.ingest', apiRoute(org, () =>
    json({ done: true, records: [...org.bulk.jobs.values()].filter((j): j is IngestJob => j.kind === 'ingest').map((j) => info(j, false)), nextRecordsUrl: null }),
  ));

  // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/upload_job_data.htm
  server.route('PUT', `${base}/:id/batches`, 'bulk2.ingest', apiRoute(org, ({ req }) => {
    const job = find(req.params['id']);
    if (job.state !== 'Open') throw new RestError(409, 'INVALIDJOBSTATE', `Job ${job.id} is not open for upload (state ${job.state})`);
    job.uploads.push(req.text());
    return { status: 201 };
  }));

  // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/close_job.htm
  server.route('PATCH', `${base}/:id`, 'bulk2.ingest', apiRoute(org, ({ req }) => {
    const job = find(req.params['id']);
    const target = req.json<{ state?: string }>().state;
    if (target === 'UploadComplete' && job.state === 'Open') {
      job.state = 'UploadComplete';
      const answer = info(job, false);
      processIngestJob(org, job);
      job.pollsLeft = org.options.bulkJobInProgressPolls;
      job.modifiedMs = org.clock.nowMs();
      return json(answer);
    }
    if (target === 'Aborted' && (job.state === 'Open' || job.state === 'UploadComplete')) {
      job.state = 'Aborted';
      // An aborted job never processes its uploads: every uploaded row stays unprocessed.
      try {
        const parsed = job.uploads.map((text) => readCsv(job.format, text));
        job.header = parsed[0]?.header ?? [];
        job.unprocessed = parsed.flatMap((p) => p.rows);
      } catch {
        job.unprocessed = [];
      }
      job.modifiedMs = org.clock.nowMs();
      return json(info(job, false));
    }
    throw new RestError(400, 'INVALIDJOBSTATE', `Cannot change the state of job ${job.id} from ${job.state} to ${target}`);
  }));

  // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_job_info.htm
  server.route('GET', `${base}/:id`, 'bulk2.ingest', apiRoute(org, ({ req }) => json(info(find(req.params['id']), true))));

  // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/delete_job.htm
  server.route('DELETE', `${base}/:id`, 'bulk2.ingest', apiRoute(org, ({ req }) => {
    const job = find(req.params['id']);
    if (job.state === 'Open' || job.state === 'UploadComplete') throw new RestError(400, 'INVALIDJOBSTATE', 'Only closed jobs can be deleted');
    org.bulk.jobs.delete(job.id);
    return { status: 204 };
  }));

  const results = (kind: 'successfulResults' | 'failedResults' | 'unprocessedrecords') =>
    apiRoute(org, ({ req }) => {
      const job = find(req.params['id']);
      const header = kind === 'successfulResults' ? ['sf__Id', 'sf__Created', ...job.header] : kind === 'failedResults' ? ['sf__Id', 'sf__Error', ...job.header] : job.header;
      const rows = kind === 'successfulResults' ? job.successful : kind === 'failedResults' ? job.failed : job.unprocessed;
      return { status: 200, headers: { 'Content-Type': 'text/csv' }, body: writeCsv(job.format, header, rows) };
    });
  // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_job_successful_results.htm
  server.route('GET', `${base}/:id/successfulResults`, 'bulk2.ingest', results('successfulResults'));
  // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_job_failed_results.htm
  server.route('GET', `${base}/:id/failedResults`, 'bulk2.ingest', results('failedResults'));
  // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_job_unprocessed_results.htm
  server.route('GET', `${base}/:id/unprocessedrecords`, 'bulk2.ingest', results('unprocessedrecords'));
}
