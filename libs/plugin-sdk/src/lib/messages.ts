import type { FilterExpr } from './filters';

/**
 * A plugin's resume point: flat, JSON-serialisable, opaque to the host, never holding a secret.
 *
 * @example
 * ```ts
 * const checkpoint: Checkpoint = { modstamp: '2026-01-01T10:00:00.000Z', lastId: '003000000000042AAA' };
 * ```
 */
export type Checkpoint = Record<string, string | number | boolean | null>;

/**
 * A record created or changed in the CRM. `data` holds canonical values, keyed by field name.
 *
 * **Absent is not null.** `data` carries exactly the fields the CRM sent: a key that is missing
 * means "not known from this message — keep what you have", while `null` means "the CRM says the
 * field is empty". A plugin never fills in `null` for a field the CRM did not send. A full read
 * carries every requested field; a change feed may carry only the changed ones (Dataverse delta
 * rows), and then sets `partial: true`. A host applies an upsert to the fields present only.
 *
 * @example
 * ```ts
 * const msg: UpsertMessage = {
 *   kind: 'upsert', object: 'Contact', id: '003xx', data: { LastName: 'Ada' },
 *   modifiedAt: '2026-01-01T10:00:00.000Z',
 * };
 * ```
 */
export interface UpsertMessage {
  kind: 'upsert';
  object: string;
  id: string;
  data: Record<string, unknown>;
  modifiedAt?: string;
  /** True when `data` may lack some of the requested fields (the CRM sent only the changed ones). */
  partial?: boolean;
}

/**
 * A record deleted in the CRM.
 *
 * @example
 * ```ts
 * const msg: DeleteMessage = { kind: 'delete', object: 'Contact', id: '003xx', deletedAt: '2026-01-02T08:00:00.000Z' };
 * ```
 */
export interface DeleteMessage {
  kind: 'delete';
  object: string;
  id: string;
  deletedAt?: string;
}

/**
 * A resume point that covers every upsert and delete emitted before it. The host saves it only
 * after committing those records, in the same transaction.
 *
 * @example
 * ```ts
 * const msg: CheckpointMessage = { kind: 'checkpoint', object: 'Contact', checkpoint: { modstamp: '…', lastId: '…' } };
 * ```
 */
export interface CheckpointMessage {
  kind: 'checkpoint';
  object: string;
  checkpoint: Checkpoint;
}

/**
 * Progress or a condition the operator should see (a throttling pause, a fallback to another API…).
 *
 * @example
 * ```ts
 * const msg: StatusMessage = {
 *   kind: 'status', level: 'warn', code: 'RATE_LIMITED', message: 'Throttled by the CRM; waiting 30 s',
 *   retryAt: '2026-01-01T10:00:30.000Z',
 * };
 * ```
 */
export interface StatusMessage {
  kind: 'status';
  level: 'info' | 'warn';
  code: string;
  message: string;
  retryAt?: string;
  /** How many records the read will return in all, when the CRM says (progress: "12,000 of 100,000"). */
  total?: number;
}

/**
 * What `read()` and `changes()` emit.
 *
 * @example
 * ```ts
 * function describe(msg: SyncMessage): string {
 *   switch (msg.kind) {
 *     case 'upsert': return `upsert ${msg.id}`;
 *     case 'delete': return `delete ${msg.id}`;
 *     case 'checkpoint': return 'checkpoint';
 *     case 'status': return msg.message;
 *   }
 * }
 * ```
 */
export type SyncMessage = UpsertMessage | DeleteMessage | CheckpointMessage | StatusMessage;

/**
 * What to read. Without `checkpoint`: a full read; with one: only what changed since.
 *
 * @example
 * ```ts
 * const req: ReadRequest = {
 *   object: 'Contact',
 *   fields: ['LastName', 'Email'],
 *   filter: { field: 'Email', op: 'isNull', value: false },
 *   deletes: 'include',
 * };
 * ```
 */
export interface ReadRequest {
  object: string;
  /** Fields to read; the id and cursor fields are always included. */
  fields: string[];
  /** Pushed down to the CRM; an operator outside `filterOperators` → `UnsupportedFilterError`. */
  filter?: FilterExpr;
  checkpoint?: Checkpoint;
  /**
   * Whether `delete` messages come with the records (`include`, the default where the object
   * streams deletes), alone (`only`, e.g. with `window`), or not at all (`exclude`).
   */
  deletes?: 'include' | 'only' | 'exclude';
  /** ISO datetimes, for deletes by date window. */
  window?: { from: string; to: string };
  /** Records per CRM call: a hint the plugin clamps to what the CRM accepts. Default: the CRM's maximum. */
  pageSize?: number;
}

/**
 * What to follow with `changes()`.
 *
 * @example
 * ```ts
 * const req: ChangeRequest = { object: 'Contact', fields: ['LastName'], checkpoint: saved };
 * ```
 */
export interface ChangeRequest {
  object: string;
  fields: string[];
  /** Where to start; absent: from now (only changes made after the subscription are emitted). */
  checkpoint?: Checkpoint;
}

/**
 * One record to write; `ref` is the caller's key, echoed in its {@link WriteResult}.
 *
 * @example
 * ```ts
 * const record: WriteRecord = { ref: 'row-17', data: { LastName: 'Ada', Email: 'ada@example.com' } };
 * ```
 */
export interface WriteRecord {
  ref: string;
  /** The CRM id, for update and delete. */
  id?: string;
  data?: Record<string, unknown>;
}

/**
 * A batch of writes to one object (at most `capabilities.write.maxBatch` records).
 *
 * @example
 * ```ts
 * const req: WriteRequest = {
 *   object: 'Contact', operation: 'upsert', matchField: 'External_Id__c',
 *   records: [{ ref: 'row-1', data: { External_Id__c: 'C-1', LastName: 'Ada' } }],
 * };
 * ```
 */
export interface WriteRequest {
  object: string;
  operation: 'insert' | 'update' | 'upsert' | 'delete';
  /** For upsert: the external-id field that identifies the record. */
  matchField?: string;
  records: WriteRecord[];
}

/**
 * Why one record was not written. `code` is the CRM's own code (e.g. `REQUIRED_FIELD_MISSING`, `0x80040217`).
 *
 * @example
 * ```ts
 * const error: WriteError = { code: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access', retryable: true };
 * ```
 */
export interface WriteError {
  code: string;
  message: string;
  fields?: string[];
  /** True when the same write may succeed later (lock contention, timeouts). */
  retryable: boolean;
  /**
   * (SDK 1.1) True when the record does not exist (any more) in the CRM: an update cannot apply, and
   * a delete has nothing left to do — hosts count such a delete as done, not as a failure.
   */
  notFound?: boolean;
}

/**
 * The outcome for one {@link WriteRecord}; `write()` returns exactly one per input record, in order.
 *
 * @example
 * ```ts
 * const ok: WriteResult = { ref: 'row-1', ok: true, id: '003xx', created: true };
 * const rejected: WriteResult = {
 *   ref: 'row-2', ok: false,
 *   error: { code: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [LastName]', fields: ['LastName'], retryable: false },
 * };
 * ```
 */
export interface WriteResult {
  ref: string;
  ok: boolean;
  /** The CRM id of the record: always set for a successful insert or upsert. */
  id?: string;
  created?: boolean;
  error?: WriteError;
}
