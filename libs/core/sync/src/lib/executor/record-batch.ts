import type { SyncMessage } from '@crm-hub/plugin-sdk';

/** What a batch of messages amounts to for one record, once its messages are folded in order. */
export type RecordIntent =
  | { kind: 'upsert'; crmId: string; data: Record<string, unknown>; modifiedAt: string | undefined }
  | { kind: 'delete'; crmId: string; deletedAt: string | undefined };

/**
 * Folds the upserts and deletes of one batch into one intent per record, in stream order: later
 * upserts of a record merge their fields over earlier ones (absent is not null: only the fields a
 * message carries), a delete replaces what came before, and an upsert after a delete revives the
 * record. One statement can then touch each row once (PostgreSQL refuses `ON CONFLICT` touching a
 * row twice in one statement).
 *
 * @example
 * ```ts
 * foldBatch([upsert('1', { a: 1 }), upsert('1', { b: 2 })]); // [{ kind: 'upsert', crmId: '1', data: { a: 1, b: 2 } }]
 * ```
 */
export function foldBatch(messages: readonly SyncMessage[]): RecordIntent[] {
  const intents = new Map<string, RecordIntent>();
  for (const msg of messages) {
    if (msg.kind === 'upsert') {
      const before = intents.get(msg.id);
      // Merged into a new object, never into the message's: its data is only read.
      const data = before?.kind === 'upsert' ? { ...before.data, ...msg.data } : msg.data;
      const modifiedAt = latest(before?.kind === 'upsert' ? before.modifiedAt : undefined, msg.modifiedAt);
      intents.delete(msg.id); // keep the order of the last change
      intents.set(msg.id, { kind: 'upsert', crmId: msg.id, data, modifiedAt });
    } else if (msg.kind === 'delete') {
      intents.delete(msg.id);
      intents.set(msg.id, { kind: 'delete', crmId: msg.id, deletedAt: msg.deletedAt });
    }
  }
  return [...intents.values()];
}

function latest(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Date.parse(b) >= Date.parse(a) ? b : a;
}
