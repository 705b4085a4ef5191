import type { Checkpoint, DeleteMessage, ReadRequest, SyncMessage, UpsertMessage } from '@crm-hub/plugin-sdk';
import { checkpointProblem, isCanonicalDateTime } from './canonical-checks';
import { fail } from './conformance-error';

/**
 * What is wrong with one message of a stream over `object`, or `undefined` when it is well-formed
 * (kind, object name, id, data, canonical timestamps, flat checkpoint).
 *
 * @example
 * ```ts
 * messageProblem({ kind: 'checkpoint', object: 'Contact', checkpoint: { page: { n: 2 } } }, 'Contact');
 * // "the checkpoint is not flat: its value 'page' is object; …"
 * ```
 */
export function messageProblem(msg: SyncMessage, object: string): string | undefined {
  if (typeof msg !== 'object' || msg === null) return `it is ${String(msg)}, not a message`;
  if (msg.kind === 'status') {
    if (msg.level !== 'info' && msg.level !== 'warn') return `status level ${JSON.stringify(msg.level)} is not 'info' or 'warn'`;
    return typeof msg.code === 'string' && typeof msg.message === 'string' ? undefined : 'a status needs a code and a message';
  }
  if (msg.kind !== 'upsert' && msg.kind !== 'delete' && msg.kind !== 'checkpoint') {
    return `unknown kind ${JSON.stringify((msg as { kind?: unknown }).kind)}`;
  }
  if (msg.object !== object) return `it names object ${JSON.stringify(msg.object)}, not '${object}'`;
  if (msg.kind === 'checkpoint') {
    const problem = checkpointProblem(msg.checkpoint);
    return problem && `the checkpoint is not flat and JSON-serialisable: ${problem}`;
  }
  if (typeof msg.id !== 'string' || msg.id === '') return `its id is ${JSON.stringify(msg.id)}, not a non-empty string`;
  if (msg.kind === 'delete') {
    return msg.deletedAt === undefined || isCanonicalDateTime(msg.deletedAt)
      ? undefined
      : `deletedAt ${JSON.stringify(msg.deletedAt)} is not an ISO 8601 UTC datetime with milliseconds`;
  }
  if (typeof msg.data !== 'object' || msg.data === null || Array.isArray(msg.data)) return 'its data is not an object';
  return msg.modifiedAt === undefined || isCanonicalDateTime(msg.modifiedAt)
    ? undefined
    : `modifiedAt ${JSON.stringify(msg.modifiedAt)} is not an ISO 8601 UTC datetime with milliseconds`;
}

/**
 * The upserts and deletes of a stream, in order.
 *
 * @example
 * ```ts
 * const data = dataMessages(messages);
 * ```
 */
export function dataMessages(messages: readonly SyncMessage[]): (UpsertMessage | DeleteMessage)[] {
  return messages.filter((m): m is UpsertMessage | DeleteMessage => m.kind === 'upsert' || m.kind === 'delete');
}

/**
 * The ids of the upserts (or deletes) of a stream, in order, repeats kept.
 *
 * @example
 * ```ts
 * const ids = idsOf(messages, 'upsert');
 * ```
 */
export function idsOf(messages: readonly SyncMessage[], kind: 'upsert' | 'delete'): string[] {
  return messages.flatMap((m) => (m.kind === kind ? [m.id] : []));
}

/**
 * The last checkpoint of a stream, if any.
 *
 * @example
 * ```ts
 * const resumeFrom = lastCheckpoint(messages);
 * ```
 */
export function lastCheckpoint(messages: readonly SyncMessage[]): Checkpoint | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const msg = messages[i];
    if (msg?.kind === 'checkpoint') return msg.checkpoint;
  }
  return undefined;
}

/**
 * Fails unless a checkpoint follows the last upsert/delete of a finite read (a read whose records
 * are not covered by a checkpoint makes the next run start over).
 *
 * @example
 * ```ts
 * requireFinalCheckpoint(messages, 'read() of Contact');
 * ```
 */
export function requireFinalCheckpoint(messages: readonly SyncMessage[], what: string): void {
  const lastData = messages.findLastIndex((m) => m.kind === 'upsert' || m.kind === 'delete');
  if (lastData >= 0 && !messages.slice(lastData + 1).some((m) => m.kind === 'checkpoint')) {
    fail(`${what} ended without a checkpoint after its last record: a checkpoint must cover every record of a completed read`);
  }
}

/**
 * Compares the ids a stream emitted with the ids expected, exactly once each: describes repeats,
 * misses and strangers, or returns an empty list.
 *
 * @example
 * ```ts
 * exactlyOnceProblems(['a', 'b', 'b'], ['a', 'b', 'c']); // ['repeated b', 'missed c']
 * ```
 */
export function exactlyOnceProblems(emitted: readonly string[], expected: readonly string[]): string[] {
  const seen = new Map<string, number>();
  emitted.forEach((id) => seen.set(id, (seen.get(id) ?? 0) + 1));
  const wanted = new Set(expected);
  const repeated = [...seen].filter(([id, n]) => n > 1 && wanted.has(id)).map(([id, n]) => `${id} (${n}×)`);
  const missed = expected.filter((id) => !seen.has(id));
  const strangers = [...seen.keys()].filter((id) => !wanted.has(id));
  return [
    ...(repeated.length ? [`repeated ${list(repeated)}`] : []),
    ...(missed.length ? [`missed ${list(missed)}`] : []),
    ...(strangers.length ? [`emitted unexpected ${list(strangers)}`] : []),
  ];
}

/** A short list for messages: the first few items and how many more. */
export function list(items: readonly string[], max = 5): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${items.length} records: ${shown}, …` : `${items.length === 1 ? '' : `${items.length} records: `}${shown}`;
}

/**
 * A read request in words, for messages.
 *
 * @example
 * ```ts
 * describeRead({ object: 'Contact', fields: [], pageSize: 10 }); // 'read({ object: Contact, pageSize: 10 })'
 * ```
 */
export function describeRead(req: ReadRequest): string {
  const parts = [`object: ${req.object}`];
  if (req.pageSize !== undefined) parts.push(`pageSize: ${req.pageSize}`);
  if (req.checkpoint) parts.push('checkpoint');
  if (req.deletes) parts.push(`deletes: ${req.deletes}`);
  return `read({ ${parts.join(', ')} })`;
}
