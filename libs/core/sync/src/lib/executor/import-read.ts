import {
  CheckpointExpiredError,
  CrmError,
  CrmRateLimitError,
  abortableDelay,
  backoffMs,
  batchIterator,
  type Checkpoint,
  type CrmConnector,
  type FilterExpr,
  type ReadRequest,
  type StatusMessage,
  type SyncMessage,
} from '@crm-hub/plugin-sdk';
import type { Observable } from 'rxjs';
import type { SqlDialect } from '@crm-hub/persistence';
import type { DataSource } from 'typeorm';
import type { RunNote } from '../runs/sync-run.entity';
import { commitBatch, type CommitContext } from './batch-committer';
import { foldBatch } from './record-batch';
import { loadCheckpoint, resetFullRead } from './checkpoint-store';
import { sweepUnseen } from './sweep';

/**
 * Messages held before they are committed without a checkpoint: a plugin that checkpoints rarely
 * must not fill memory, and a longer page is committed in parts (idempotent upserts, re-applied if
 * a crash sends the read back). On SQLite a commit is a write to a local file, and records that are
 * stored sooner cost V8's collector less: 1,000 instead of 5,000 took a fifth off the hub's CPU per
 * record and over 100 MB off its peak memory in the benchmark's imports. On PostgreSQL each commit
 * is a round trip that waits for the server's log flush: 1,000 made the same import 7 % slower.
 */
export const MAX_BUFFERED_MESSAGES: Readonly<Record<SqlDialect, number>> = { sqlite: 1_000, postgres: 5_000 };
/** Retries of a read after transient failures or throttling, each resuming from the last committed checkpoint. */
const MAX_READ_RETRIES = 5;
/** The longest a run waits in one go for a throttled CRM before it gives up (the run then fails, and can be re-run). */
const MAX_RATE_LIMIT_WAIT_MS = 5 * 60_000;

/** What one import run reads and where it starts. */
export interface ImportPlan {
  object: string;
  fields: string[];
  filter?: FilterExpr;
  deletes: ReadRequest['deletes'];
  window?: { from: string; to: string };
  pageSize?: number;
  fieldsKey: string;
  /** Where the read starts (absent: a full read). */
  checkpoint?: Checkpoint;
  /** A full read whose end removes the rows it did not see. */
  sweeping: boolean;
  /** Whether an expired checkpoint may turn into a full read with a sweep (jobs without filter). */
  sweepAllowed: boolean;
}

/** What the import needs from its run. */
export interface ImportDeps {
  dataSource: DataSource;
  connector: CrmConnector;
  context: CommitContext;
  signal: AbortSignal;
  note(note: RunNote): void;
  status(message: StatusMessage): void;
  /** Called after each commit (progress, metrics). */
  committed(records: number, lastModifiedAt: string | undefined): void;
  /** The CRM throttled us until then: every run on the org backs off (the shared org budget). */
  throttled?(until: Date): void;
}

/**
 * Runs one import: consumes the plugin's read through its paced form (the plugin fetches the next
 * page only when the previous one is committed, so memory stays bounded whatever the database's
 * speed) and commits the records up to each checkpoint together with it. Transient failures and
 * throttling are retried from the last committed checkpoint, with backoff; an expired checkpoint
 * becomes a full read that ends with a sweep of the rows the CRM no longer has.
 *
 * @example
 * ```ts
 * await runImport(deps, plan);
 * ```
 */
export async function runImport(deps: ImportDeps, plan: ImportPlan): Promise<void> {
  let current = { ...plan };
  for (let attempt = 0; ; attempt++) {
    try {
      current.checkpoint = await consume(deps, current);
      break;
    } catch (error) {
      if (deps.signal.aborted) throw error;
      if (error instanceof CheckpointExpiredError && current.checkpoint !== undefined && !current.sweeping) {
        deps.note({ code: 'CHECKPOINT_EXPIRED', message: `The stored checkpoint expired (${error.message}): reading everything again${plan.sweepAllowed ? ', then removing the rows the CRM no longer has' : ''}` });
        const sweeping = plan.sweepAllowed;
        // A deletions-only read cannot be redone in full: the deletions are found by reading the live ids and sweeping the rest.
        const deletes = current.deletes === 'only' && sweeping ? 'exclude' : current.deletes;
        current = { ...current, checkpoint: undefined, sweeping, deletes };
        deps.context.recordSeen = sweeping;
        await resetFullRead(deps.dataSource, deps.context, current.fieldsKey, current.sweeping);
        continue;
      }
      const wait = retryWait(error, attempt);
      if (wait === undefined) throw error;
      if (error instanceof CrmRateLimitError) deps.throttled?.(new Date(Date.now() + wait));
      deps.note({ code: 'READ_RETRIED', message: `The read failed (${(error as Error).message}); resuming from the last checkpoint in ${Math.ceil(wait / 1000)} s` });
      await abortableDelay(wait, deps.signal);
      current = { ...current, checkpoint: await lastCommitted(deps) };
    }
  }
  if (current.sweeping) {
    const gone = await sweepUnseen(deps.dataSource, deps.context);
    if (gone > 0) deps.note({ code: 'SWEPT', message: `${gone} row(s) the CRM no longer has were ${deps.context.target.deletes === 'hard' ? 'removed' : deps.context.target.deletes === 'soft' ? 'marked deleted' : 'found (the job ignores deletions)'}` });
  }
}

function retryWait(error: unknown, attempt: number): number | undefined {
  if (!(error instanceof CrmError) || !error.retryable || attempt >= MAX_READ_RETRIES) return undefined;
  if (error instanceof CrmRateLimitError) return error.retryAfterMs > MAX_RATE_LIMIT_WAIT_MS ? undefined : Math.max(error.retryAfterMs, 1_000);
  return backoffMs(attempt, 1_000, 30_000);
}

async function lastCommitted(deps: ImportDeps): Promise<Checkpoint | undefined> {
  return (await loadCheckpoint(deps.dataSource, deps.context.jobId))?.checkpoint ?? undefined;
}

/** Reads to the end, committing per checkpoint; returns the last checkpoint committed. */
async function consume(deps: ImportDeps, plan: ImportPlan): Promise<Checkpoint | undefined> {
  const request: ReadRequest = {
    object: plan.object,
    fields: plan.fields,
    ...(plan.filter ? { filter: plan.filter } : {}),
    ...(plan.checkpoint ? { checkpoint: plan.checkpoint } : {}),
    ...(plan.deletes ? { deletes: plan.deletes } : {}),
    ...(plan.window ? { window: plan.window } : {}),
    ...(plan.pageSize ? { pageSize: plan.pageSize } : {}),
  };
  return consumeStream(deps, deps.connector.read(request), plan);
}

/**
 * Consumes a read or change stream through its paced form, committing the records up to each
 * checkpoint with it (and, past {@link MAX_BUFFERED_MESSAGES} without a checkpoint, without one:
 * idempotent upserts, re-applied harmlessly if a crash sends the read back). Returns the last
 * checkpoint committed; a long-lived change stream returns only when it ends.
 *
 * @example
 * ```ts
 * await consumeStream(deps, connector.changes({ object, fields, checkpoint }), plan);
 * ```
 */
export async function consumeStream(
  deps: ImportDeps,
  stream: Observable<SyncMessage> | AsyncIterable<SyncMessage>,
  plan: Pick<ImportPlan, 'checkpoint' | 'fieldsKey' | 'sweeping'>,
): Promise<Checkpoint | undefined> {
  let checkpoint = plan.checkpoint;
  const limit = MAX_BUFFERED_MESSAGES[deps.context.target.dialect];
  let buffer: SyncMessage[] = [];
  const commit = async (covering: Checkpoint | undefined): Promise<void> => {
    const read = buffer.length;
    const lastModifiedAt = lastStamp(buffer);
    const saved = covering ? { checkpoint: covering, fieldsKey: plan.fieldsKey, sweeping: plan.sweeping } : undefined;
    await commitBatch(deps.dataSource, deps.context, foldBatch(buffer), saved, read);
    buffer = [];
    deps.committed(read, lastModifiedAt);
  };
  // The messages a page brought are taken in one step: no promise per message on the hub's thread.
  const batches = batchIterator(stream);
  let ended = false;
  try {
    for (let step = await batches.next(limit); !step.done; step = await batches.next(limit)) {
      for (const msg of step.value) {
        if (deps.signal.aborted) throw deps.signal.reason;
        if (msg.kind === 'checkpoint') {
          await commit(msg.checkpoint);
          checkpoint = msg.checkpoint;
        } else if (msg.kind === 'status') {
          deps.status(msg);
        } else {
          // Checked before taking one more, not after: a page that fills the buffer exactly is then
          // committed with the checkpoint that follows it, in one transaction instead of two.
          if (buffer.length >= limit) await commit(undefined);
          buffer.push(msg);
        }
      }
    }
    ended = true;
  } finally {
    // left early (cancelled, a commit failed): the plugin's read stops
    if (!ended) await batches.return();
  }
  if (deps.signal.aborted) throw deps.signal.reason;
  if (buffer.length) await commit(undefined);
  return checkpoint;
}

function lastStamp(messages: SyncMessage[]): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m?.kind === 'upsert' && m.modifiedAt) return m.modifiedAt;
  }
  return undefined;
}
