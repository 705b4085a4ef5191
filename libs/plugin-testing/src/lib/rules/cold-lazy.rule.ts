import type { ReadRequest, SyncMessage } from '@crm-hub/plugin-sdk';
import type { Observable } from 'rxjs';
import { collect, sleep } from '../collect';
import type { ConformanceCrm } from '../conformance-options';
import { describeError, fail } from '../conformance-error';
import { activeHandleCounts, extraHandles, HandleTracker } from '../handle-tracker';
import { defineRule, type RuleSession } from '../rule-session';
import { lastCheckpoint } from '../sync-messages';

/** Fails when the CRM served any request during `settleMs` after `since` (counted before the action). */
async function expectNoRequests(session: RuleSession, crm: ConformanceCrm, since: number, what: string): Promise<void> {
  await sleep(session.options.settleMs);
  const made = (await crm.requestCount()) - since;
  if (made !== 0) fail(`${what} made ${made} request(s) to the CRM`);
}

/**
 * Takes what `source` emits until `until` matches (or, with `orAfterMs`, until that long has
 * passed), unsubscribes, and checks the CRM then stops serving requests. Returns the requests
 * made from subscribe until things settled.
 */
async function takeThenStop(
  session: RuleSession,
  crm: ConformanceCrm,
  what: string,
  source: Observable<SyncMessage>,
  options: { until: (msg: SyncMessage) => boolean; orAfterMs?: number; during?: () => Promise<unknown> },
): Promise<number> {
  const { settleMs, timeoutMs, object } = session.options;
  const start = await crm.requestCount();
  let messages: SyncMessage[];
  try {
    const pending = collect(source, {
      until: options.until,
      timeoutMs: options.orAfterMs ?? timeoutMs,
      onTimeout: options.orAfterMs === undefined ? 'reject' : 'resolve',
    });
    await options.during?.();
    messages = await pending;
  } catch (err) {
    session.scanner.scan(`the error of ${what}`, err);
    fail(`${what} failed with ${describeError(err)}`, err);
  }
  session.inspect(what, object, messages);
  await sleep(settleMs); // requests in flight at unsubscribe may still land
  const stopped = await crm.requestCount();
  await sleep(settleMs);
  const later = (await crm.requestCount()) - stopped;
  if (later)
    fail(`after unsubscribing from ${what}, the CRM served ${later} more request(s): unsubscribe must stop every request and timer`);
  return stopped - start;
}

/**
 * Rule `cold-lazy` (contract rule 2): `createConnector()`, `read()` and `changes()` make no request
 * before subscribe; taking the first message of a read costs fewer requests than reading it all;
 * after unsubscribing no more requests are made; `dispose()` may be called twice; within
 * `handleGraceMs` after it, no Timeout, TCP/TLS socket or file request the connector opened still
 * keeps the process alive (see {@link HandleTracker} for why handles are attributed rather than
 * counted globally). `changes()` need not deliver within the wait (a slow poll interval is
 * allowed); whatever it did must stop on unsubscribe.
 *
 * @example
 * ```ts
 * await coldLazyRule.run(options);
 * ```
 */
export const coldLazyRule = defineRule(
  'cold-lazy',
  'fetches nothing before subscribe, pages lazily, stops on unsubscribe and leaves no open handles after dispose()',
  async (session) => {
    const { object, pageSize, settleMs, timeoutMs, handleGraceMs } = session.options;
    const tracker = new HandleTracker();
    const crm = tracker.outside(session.options.crm);
    await crm.reset(object);
    const count = Math.ceil(pageSize * 3.5);
    await crm.createRecords(object, count);
    const req: ReadRequest = { object, fields: [], pageSize };
    const baseline = activeHandleCounts();
    try {
      await tracker.track(async () => {
        let since = await crm.requestCount();
        const { connector } = await session.open();
        await expectNoRequests(session, crm, since, 'plugin.createConnector() (it must be cheap and connect on first use)');
        since = await crm.requestCount();
        const read$ = await session.call('read()', () => connector.read(req));
        await expectNoRequests(session, crm, since, 'read() before anyone subscribed (streams must be cold)');
        since = await crm.requestCount();
        await session.call('changes()', () => connector.changes({ object, fields: [] }));
        await expectNoRequests(session, crm, since, 'changes() before anyone subscribed (streams must be cold)');

        const lazyCost = await takeThenStop(session, crm, 'a read after its first message', read$, { until: () => true });
        const second = await session.open();
        const fullStart = await crm.requestCount();
        const all = await session.read(second.connector, req, { label: `a full read of ${count} records with pageSize ${pageSize}` });
        const fullCost = (await crm.requestCount()) - fullStart;
        if (lazyCost >= fullCost) {
          fail(
            `taking only the first message of a read cost ${lazyCost} request(s), as much as reading all ${count} records ` +
              `(${fullCost}): read() must fetch a page only when the previous one has been consumed`,
          );
        }

        const checkpoint = lastCheckpoint(all) ?? fail('a full read emitted no checkpoint');
        const changes$ = await session.call('changes() from a checkpoint', () => connector.changes({ object, fields: [], checkpoint }));
        await takeThenStop(session, crm, 'changes() after its first change', changes$, {
          until: (msg) => msg.kind === 'upsert',
          orAfterMs: Math.min(timeoutMs, Math.max(2_000, settleMs * 10)),
          during: () => crm.createRecords(object, 1),
        });

        for (const c of [connector, second.connector]) {
          await session.call('dispose()', () => c.dispose());
          await session.call('dispose() a second time', () => c.dispose());
        }
      });
      const leaked = await tracker.waitUntilClosed(handleGraceMs);
      if (leaked.length) {
        const counted = extraHandles(baseline, activeHandleCounts());
        fail(
          `${handleGraceMs} ms after dispose(), handles the connector opened still keep the process alive: ${leaked.join(', ')} ` +
            `(process.getActiveResourcesInfo(): ${counted.length ? counted.join(', ') : 'no more than before'} compared with before the connector was created). ` +
            'Clear timers, close sockets and files in dispose().',
        );
      }
    } finally {
      tracker.stop();
    }
  },
);
