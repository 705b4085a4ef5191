import type { BatchIterator, SyncMessage } from '@crm-hub/plugin-sdk';
import { packMessages } from './batch-packing';
import type { StreamBatch } from './worker-protocol';

/**
 * Most messages sent in one batch. Smaller than a CRM page (2,000 records for Salesforce): a batch
 * the hub holds while its consumer works on the previous one then stays in V8's young generation,
 * which halved the hub thread's time per record in the benchmark (isolation-cost.bench.ts).
 */
export const MAX_BATCH_MESSAGES = 500;

const NOT_YET = Symbol('not yet');

/**
 * In the worker: turns a connector's stream (iterated with `batchIterator`, so a paced plugin
 * reads on demand and a fetched page is taken in steps of many messages) into batches the hub
 * pulls one at a time. A batch holds the messages available right now, at most
 * {@link MAX_BATCH_MESSAGES}, and ends with the step that brings a checkpoint (a plugin's page
 * ends with one; a step never goes past the page it is in). It never waits for more once it has one: a change stream that
 * trickles must deliver each message when it comes. So the plugin is never asked for a page
 * before the hub asks for the batch after the current one, and pacing holds across the boundary.
 */
export class StreamPump {
  private readonly iterator: BatchIterator<SyncMessage>;
  /** A step started for a batch that was sent without waiting for it: the next batch begins with it. */
  private pending: Promise<Step> | undefined;
  private finished = false;

  constructor(iterator: BatchIterator<SyncMessage>) {
    this.iterator = iterator;
  }

  async nextBatch(): Promise<StreamBatch> {
    const messages: SyncMessage[] = [];
    // One macrotask boundary per batch: values already produced resolve in microtasks before it.
    let later: Promise<typeof NOT_YET> | undefined;
    while (!this.finished && messages.length < MAX_BATCH_MESSAGES) {
      const next = this.pending ?? this.step(MAX_BATCH_MESSAGES - messages.length);
      this.pending = undefined;
      let step: Step | typeof NOT_YET;
      if (messages.length === 0) step = await next;
      else {
        later ??= new Promise((resolve) => setImmediate(() => resolve(NOT_YET)));
        step = await Promise.race([next, later]);
      }
      if (step === NOT_YET || ('failed' in step && messages.length > 0)) {
        // not there yet, or a failure after messages the consumer must get first (as in-process)
        this.pending = next;
        break;
      }
      if ('failed' in step) throw step.error;
      if (step.done) {
        this.finished = true;
        break;
      }
      for (const message of step.value) messages.push(message);
      if (step.value.some((message) => message.kind === 'checkpoint')) break;
    }
    return { messages: packMessages(messages), done: this.finished };
  }

  /** Stops the plugin's stream (unsubscribes, aborts its request in flight). */
  async close(): Promise<void> {
    this.finished = true;
    await this.iterator.return().catch(() => undefined);
  }

  /** The next step, its failure as a value: a failure waits for the messages before it to be sent. */
  private step(max: number): Promise<Step> {
    return this.iterator.next(max).then(
      (result) => result,
      (error: unknown) => ({ failed: true as const, error }),
    );
  }
}

type Step = IteratorResult<readonly SyncMessage[], undefined> | { readonly failed: true; readonly error: unknown };
