import type { ConflictView, RejectView, RunView } from './dto/run.view';
import type { SyncConflictEntity } from './sync-conflict.entity';
import type { SyncRejectEntity } from './sync-reject.entity';
import type { SyncRunEntity } from './sync-run.entity';

/** The API's view of a run. */
export function toRunView(run: SyncRunEntity, now = new Date()): RunView {
  const end = run.finishedAt ?? (run.status === 'running' ? now : null);
  const seconds = run.startedAt && end ? Math.max(0, (end.getTime() - run.startedAt.getTime()) / 1000) : undefined;
  return {
    id: run.id,
    jobId: run.jobId,
    status: run.status,
    trigger: run.trigger,
    full: run.full,
    counters: {
      read: run.recordsRead,
      inserted: run.inserted,
      updated: run.updated,
      deleted: run.deleted,
      rejected: run.rejected,
      skipped: run.skipped,
    },
    apiCalls: run.apiCalls,
    progress: {
      records: run.recordsRead,
      ...(run.expectedTotal !== null ? { total: run.expectedTotal } : {}),
      ...(seconds ? { recordsPerSecond: Math.round(run.recordsRead / seconds) } : {}),
    },
    ...(run.error ? { error: run.error } : {}),
    notes: run.notes,
    attempts: run.attempts,
    ...(run.workers.length ? { worker: run.workers[run.workers.length - 1] } : {}),
    workers: run.workers,
    cancelRequested: run.cancelRequested,
    ...(run.nextAttemptAt ? { nextAttemptAt: run.nextAttemptAt.toISOString() } : {}),
    queuedAt: run.queuedAt.toISOString(),
    ...(run.startedAt ? { startedAt: run.startedAt.toISOString() } : {}),
    ...(run.finishedAt ? { finishedAt: run.finishedAt.toISOString() } : {}),
    ...(seconds !== undefined ? { durationSeconds: Math.round(seconds * 10) / 10 } : {}),
  };
}

/** The API's view of a reject. */
export function toRejectView(reject: SyncRejectEntity): RejectView {
  return {
    id: reject.id,
    runId: reject.runId,
    ...(reject.crmId ? { crmId: reject.crmId } : {}),
    ...(reject.hubId ? { hubId: reject.hubId } : {}),
    ...(reject.payload ? { payload: reject.payload } : {}),
    ...(reject.fields ? { fields: reject.fields } : {}),
    retryable: reject.retryable,
    status: reject.status,
    ...(reject.field ? { field: reject.field } : {}),
    ...(reject.value !== null ? { value: reject.value } : {}),
    code: reject.code,
    reason: reject.reason,
    createdAt: reject.createdAt.toISOString(),
  };
}

/** The API's view of a conflict. */
export function toConflictView(conflict: SyncConflictEntity): ConflictView {
  const parse = (v: string | null) => (v === null ? null : (JSON.parse(v) as unknown));
  return {
    hubId: conflict.hubId,
    ...(conflict.crmId ? { crmId: conflict.crmId } : {}),
    field: conflict.field,
    hubValue: parse(conflict.hubValue),
    crmValue: parse(conflict.crmValue),
    winner: conflict.winner,
    policy: conflict.policy,
    createdAt: conflict.createdAt.toISOString(),
  };
}
