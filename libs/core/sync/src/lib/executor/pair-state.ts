import type { SqlDialect } from '@crm-hub/persistence';
import { randomUUID } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import type { ConflictPolicy } from '../jobs/sync-job.entity';
import { chunks, SqlParams } from './sql-text';

/** Per hub row: the value of each field as last synced, either way (canonical, by CRM field name). */
export type SyncedValues = Map<string, Record<string, unknown>>;

/** A field changed on both sides since the last sync, and who won. */
export interface Conflict {
  hubId: string;
  crmId: string | null;
  field: string;
  hubValue: unknown;
  crmValue: unknown;
  winner: 'crm' | 'hub';
}

/** Whether two canonical values are the same (arrays and objects compared by content). */
export function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * The synced values of a pair (keyed by its export job) for some rows.
 *
 * @example
 * ```ts
 * const synced = await loadSynced(runner, 'sqlite', exportJobId, ['1', '2']);
 * ```
 */
export async function loadSynced(runner: QueryRunner, dialect: SqlDialect, pairId: string, hubIds: string[]): Promise<SyncedValues> {
  const found: SyncedValues = new Map();
  for (const part of chunks(hubIds, 500)) {
    const params = new SqlParams(dialect);
    const rows = (await runner.query(`SELECT "hub_id", "synced" FROM "sync_row_state" WHERE "job_id" = ${params.add(pairId)} AND "hub_id" ${params.inList(part)}`, params.values)) as {
      hub_id: string;
      synced: string;
    }[];
    rows.forEach((r) => found.set(r.hub_id, JSON.parse(r.synced) as Record<string, unknown>));
  }
  return found;
}

/**
 * Stores synced values (merged over what was stored), in the caller's transaction.
 *
 * @example
 * ```ts
 * await saveSynced(runner, 'postgres', exportJobId, new Map([['1', { LastName: 'Ada' }]]));
 * ```
 */
export async function saveSynced(runner: QueryRunner, dialect: SqlDialect, pairId: string, updates: SyncedValues): Promise<void> {
  if (updates.size === 0) return;
  const before = await loadSynced(runner, dialect, pairId, [...updates.keys()]);
  const now = new Date().toISOString();
  for (const part of chunks([...updates], 200)) {
    const params = new SqlParams(dialect);
    const rows = part.map(([hubId, values]) => `(${params.list([pairId, hubId, JSON.stringify({ ...before.get(hubId), ...values }), now])})`);
    await runner.query(
      `INSERT INTO "sync_row_state" ("job_id", "hub_id", "synced", "updated_at") VALUES ${rows.join(', ')}
       ON CONFLICT ("job_id", "hub_id") DO UPDATE SET "synced" = excluded."synced", "updated_at" = excluded."updated_at"`,
      params.values,
    );
  }
}

/**
 * Records conflicts for the run's conflict list, in the caller's transaction.
 *
 * @example
 * ```ts
 * await saveConflicts(runner, 'sqlite', { jobId, runId, policy: 'latest-wins' }, conflicts);
 * ```
 */
export async function saveConflicts(runner: QueryRunner, dialect: SqlDialect, where: { jobId: string; runId: string; policy: ConflictPolicy }, conflicts: Conflict[]): Promise<void> {
  const now = new Date().toISOString();
  for (const part of chunks(conflicts, 100)) {
    const params = new SqlParams(dialect);
    const text = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
    const rows = part.map(
      (c) => `(${params.list([randomUUID(), where.jobId, where.runId, c.hubId, c.crmId, c.field, text(c.hubValue), text(c.crmValue), c.winner, where.policy, now])})`,
    );
    await runner.query(
      `INSERT INTO "sync_conflict" ("id", "job_id", "run_id", "hub_id", "crm_id", "field", "hub_value", "crm_value", "winner", "policy", "created_at") VALUES ${rows.join(', ')}`,
      params.values,
    );
  }
}

/**
 * Which fields of a hub row to send (paired export): those whose value differs from what was last
 * synced — changed in the hub since. A row never synced sends everything.
 *
 * @example
 * ```ts
 * changedInHub({ A: 1, B: 2 }, { A: 1, B: 3 }); // ['B']
 * ```
 */
export function changedInHub(current: Record<string, unknown>, synced: Record<string, unknown> | undefined): string[] {
  if (!synced) return Object.keys(current);
  return Object.keys(current).filter((field) => !(field in synced) || !same(current[field], synced[field]));
}

/** What a paired import does with one incoming field. */
export type FieldDecision = { apply: boolean; synced: unknown; conflict?: 'crm' | 'hub' };

/**
 * Settles one field of a record read from the CRM against the hub row and the last synced value:
 * changed in the CRM only → applied; in the hub only → the hub's value stays (the export sends it);
 * on both sides to different values → a conflict the policy settles (`latest-wins` compares the
 * CRM's modification time with the hub row's last change).
 *
 * @example
 * ```ts
 * decideField({ incoming: 'B', current: 'C', synced: 'A', policy: 'crm-wins' }); // { apply: true, synced: 'B', conflict: 'crm' }
 * ```
 */
export function decideField(input: {
  incoming: unknown;
  current: unknown;
  synced: unknown;
  hasSynced: boolean;
  policy: ConflictPolicy;
  crmModifiedAt?: string | undefined;
  hubUpdatedAt?: string | null;
}): FieldDecision {
  const { incoming, current, synced } = input;
  if (!input.hasSynced || same(current, incoming)) return { apply: true, synced: incoming };
  const hubChanged = !same(current, synced);
  const crmChanged = !same(incoming, synced);
  if (!hubChanged) return { apply: true, synced: incoming };
  if (!crmChanged) return { apply: false, synced };
  const crmWins =
    input.policy === 'crm-wins' ||
    (input.policy === 'latest-wins' && Date.parse(input.crmModifiedAt ?? '') >= Date.parse(input.hubUpdatedAt ?? ''));
  // When the hub wins, the CRM's value is remembered as seen: the next import of the same record
  // is then no new conflict, and the export still sends the hub's value (it differs from it).
  return crmWins ? { apply: true, synced: incoming, conflict: 'crm' } : { apply: false, synced: incoming, conflict: 'hub' };
}
