import { createHash } from 'node:crypto';
import { WatermarkTracker, type SyncMessage, type Watermark } from '@crm-hub/plugin-sdk';
import type { BulkPosition } from './checkpoint';
import { fetchResultPage, isJobGone, startQueryJob, type ResultPage } from './bulk-query';
import { checkpointMessage, readSoql, toMessages, type ReadContext } from './read-context';
import type { ReadDeps } from './record-reader';

/**
 * Where a Bulk phase starts: `from`, the watermark the REST part of the read reached (the phase
 * reads everything after it, up to the read's upper bound), and, when a read resumes from a
 * checkpoint taken between Bulk pages, the job position it recorded.
 *
 * @example
 * ```ts
 * const start: BulkStart = { from: tracker.current };
 * ```
 */
export interface BulkStart {
  from: Watermark | undefined;
  resume?: BulkPosition;
}

/** A short fingerprint of a job's SOQL (not the SOQL itself: checkpoints stay small, and filters may hold data). */
function fingerprint(soql: string): string {
  return createHash('sha256').update(soql).digest('hex').slice(0, 24);
}

function restartNotice(object: string, jobId: string, why: string): SyncMessage {
  return {
    kind: 'status',
    level: 'info',
    code: 'BULK_JOB_RESTARTED',
    message: `The Bulk API 2.0 query job ${jobId} of this read ${why}: the Bulk part of the read of ${object} starts again from its lower watermark, and its records come again`,
  };
}

/** The first page of the phase: from the recorded job when it still serves it, else from a new job. */
async function firstPage(
  deps: ReadDeps,
  ctx: ReadContext,
  soql: string,
  start: BulkStart,
  signal: AbortSignal,
): Promise<{ jobId: string; page: ResultPage; seen: Watermark | undefined; notice?: SyncMessage }> {
  const { plan } = ctx;
  const resume = start.resume;
  let notice: SyncMessage | undefined;
  if (resume && resume.query !== fingerprint(soql)) {
    notice = restartNotice(plan.object, resume.jobId, 'ran another query than this request asks for (other fields, filter or deletes)');
  } else if (resume) {
    try {
      const page = await fetchResultPage(deps.client, resume.jobId, plan.bulkPageSize, resume.locator, signal);
      return { jobId: resume.jobId, page, seen: resume.seen ?? start.from };
    } catch (err) {
      if (signal.aborted || !isJobGone(err)) throw err;
      notice = restartNotice(plan.object, resume.jobId, `is gone (${(err as Error).message})`);
    }
  }
  const jobId = await startQueryJob(deps.client, plan.endpoint === 'queryAll' ? 'queryAll' : 'query', soql, signal);
  const page = await fetchResultPage(deps.client, jobId, plan.bulkPageSize, undefined, signal);
  return { jobId, page, seen: start.from, ...(notice ? { notice } : {}) };
}

/**
 * The Bulk part of a full read: one Bulk API 2.0 query job for everything after `start.from` up
 * to the read's upper bound, its result pages fetched one by one (`maxRecords` = the plan's Bulk
 * page size, next page by locator), each yielded as one page of messages ending with a
 * checkpoint, so a consumer paces the job page by page and can resume between pages.
 *
 * Bulk results are unordered, so no row position is a resume point: a checkpoint between pages
 * records the phase's lower watermark (`from`) and the job position (job id, next locator, upper
 * bound, the furthest position seen, a fingerprint of the SOQL). A read resumed from it fetches
 * the next page of the same job — nothing already emitted comes again — as long as Salesforce
 * keeps the job (7 days after it finished). When the job is gone (deleted, purged, failed) or the
 * request asks for another query, a new job reads everything after `from` again (an `info`
 * status says so). The last page ends with a plain watermark checkpoint: the upper bound when
 * there is one, else the furthest position seen.
 *
 * @example
 * ```ts
 * yield* readBulkPhase(deps, ctx, { from: tracker.current }, signal);
 * ```
 */
export async function* readBulkPhase(deps: ReadDeps, ctx: ReadContext, start: BulkStart, signal: AbortSignal): AsyncGenerator<SyncMessage[]> {
  const soql = readSoql(ctx.plan, start.from, ctx.upper, false);
  const query = fingerprint(soql);
  const first = await firstPage(deps, ctx, soql, start, signal);
  const { jobId } = first;
  const tracker = new WatermarkTracker(first.seen, ctx.upper, { ordered: false });
  let lead = first.notice ? [first.notice] : [];
  let page: ResultPage | undefined = first.page;
  first.page = { rows: [], next: undefined }; // `first` lives as long as the generator: not its rows
  while (page) {
    // The rows are let go once they are messages: while the consumer works on this page and the
    // next one is fetched, only the messages are held.
    const messages = toMessages(ctx, page.rows, tracker);
    messages.unshift(...lead);
    const next = page.next;
    page = undefined;
    lead = [];
    if (!next) {
      tracker.closeAtUpperBound();
      messages.push(checkpointMessage(ctx, tracker.current));
      yield messages;
      return;
    }
    const position: BulkPosition = { jobId, locator: next, upper: ctx.upper, seen: tracker.current, query };
    messages.push(checkpointMessage(ctx, start.from, position));
    yield messages;
    page = await fetchResultPage(deps.client, jobId, ctx.plan.bulkPageSize, next, signal);
  }
}
