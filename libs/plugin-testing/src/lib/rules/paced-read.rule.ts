import { MAX_READ_AHEAD_PAGES, type CrmConnector, type ReadRequest, type SyncMessage } from '@crm-hub/plugin-sdk';
import { sleep } from '../collect';
import { fail } from '../conformance-error';
import { PacedConsumer } from '../paced-consumer';
import { defineRule, type RuleSession } from '../rule-session';
import { describeRead, exactlyOnceProblems, idsOf } from '../sync-messages';

/** Pages of records the rule reads. */
const PAGES = 6;
/** How many `settleMs` the consumer pauses after its first page. */
const PAUSE_SETTLES = 5;

/** The end of the first page: its checkpoint, or `pageSize` records (objects that checkpoint only at the end). */
function endOfFirstPage(pageSize: number): (msg: SyncMessage, taken: readonly SyncMessage[]) => boolean {
  return (msg, taken) => {
    const records = taken.filter((m) => m.kind === 'upsert' || m.kind === 'delete').length;
    return (msg.kind === 'checkpoint' && records > 0) || records >= pageSize;
  };
}

async function startRead(session: RuleSession, connector: CrmConnector, req: ReadRequest, what: string): Promise<PacedConsumer> {
  const stream = await session.call(describeRead(req), () => connector.read(req));
  return new PacedConsumer(session, what, stream);
}

/**
 * Rule `paced-read` (SDK 1.1: reads paced by their consumer): `read()` of {@link PAGES} pages,
 * consumed one message at a time (`toAsyncIterable`), must not fetch more than
 * `MAX_READ_AHEAD_PAGES` pages beyond the one being consumed while the consumer pauses after its
 * first page. Measured robustly: every page costs at least one request, so after the pause the
 * plugin must still make at least `PAGES − 1 − MAX_READ_AHEAD_PAGES` requests. Breaking out of the
 * loop (`iterator.return()`) must stop every request. A plain Observable that pushes every page
 * as the CRM answers fails; `pacedStream` from the SDK passes.
 *
 * @example
 * ```ts
 * await pacedReadRule.run(options);
 * ```
 */
export const pacedReadRule = defineRule(
  'paced-read',
  `is paced by its consumer: reads at most ${MAX_READ_AHEAD_PAGES} pages ahead of a paused consumer and stops when the consumer breaks off`,
  async (session) => {
    const { crm, object, pageSize, settleMs } = session.options;
    const { connector } = await session.open();
    await crm.reset(object);
    const count = PAGES * pageSize;
    const ids = await crm.createRecords(object, count);
    if (ids.length !== count) fail(`crm.createRecords() returned ${ids.length} ids for ${count} records`);
    const req: ReadRequest = { object, fields: [], pageSize };
    const pause = settleMs * PAUSE_SETTLES;

    // 1. Take the first page, pause, then drain: count the requests left for after the pause.
    const what = `a read of ${count} records (${PAGES} pages of ${pageSize}) whose consumer paused ${pause} ms after the first page`;
    const start = await crm.requestCount();
    const reader = await startRead(session, connector, req, what);
    await reader.take(endOfFirstPage(pageSize));
    if (reader.done) {
      fail(`${what} ended within its first page, after ${idsOf(reader.messages, 'upsert').length} records: read() must emit every record`);
    }
    await sleep(pause);
    const resumed = await crm.requestCount();
    await reader.take();
    const end = await crm.requestCount();
    const problems = exactlyOnceProblems(idsOf(reader.messages, 'upsert'), ids);
    if (problems.length) fail(`${what} ${problems.join('; ')}: a read emits every record exactly once`);
    if (end - start < PAGES) {
      fail(
        `${what} cost only ${end - start} request(s) for ${PAGES} pages: read() must honour pageSize (at most pageSize ` +
          'records per request), or no consumer can pace it',
      );
    }
    const after = end - resumed;
    const ahead = PAGES - 1 - after;
    if (ahead > MAX_READ_AHEAD_PAGES) {
      const hint = reader.paced
        ? ''
        : ' (read() returned a plain Observable, which pushes pages as fast as the CRM answers: the hub buffers them without bound)';
      fail(
        `${what}: the plugin read ahead ${ahead} pages while its consumer paused, more than the ${MAX_READ_AHEAD_PAGES} ` +
          `(MAX_READ_AHEAD_PAGES) a plugin may hold beyond the page being consumed — only ${after} request(s) came after the pause, ` +
          `for the ${PAGES - 1} pages left${hint}; build read() with pacedStream, yielding one page per CRM request, ` +
          'so the next page is fetched only when the consumer asks for it',
      );
    }

    // 2. Break off after the first page: every request must stop.
    const brokenOff = `a read of ${count} records whose consumer broke off after the first page`;
    const second = await startRead(session, connector, req, brokenOff);
    await second.take(endOfFirstPage(pageSize));
    await second.stop();
    await sleep(settleMs); // requests in flight at return() may still land
    const stopped = await crm.requestCount();
    await sleep(settleMs);
    const later = (await crm.requestCount()) - stopped;
    if (later) {
      fail(
        `${brokenOff}: after the consumer broke out of its for-await loop (iterator.return()), the CRM served ${later} more ` +
          'request(s): return() must stop every request and timer (pacedStream aborts the signal it gives your producer: pass it on)',
      );
    }
  },
);
