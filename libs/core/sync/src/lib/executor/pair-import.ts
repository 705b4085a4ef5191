import { assertGeneratedIdentifier, quoteIdentifier } from '@crm-hub/persistence';
import { fromColumn } from '@crm-hub/schemas';
import type { QueryRunner } from 'typeorm';
import type { ConflictPolicy } from '../jobs/sync-job.entity';
import { decideField, loadSynced, saveConflicts, saveSynced, type Conflict, type SyncedValues } from './pair-state';
import type { RecordIntent } from './record-batch';
import { chunks, SqlParams } from './sql-text';
import type { TableTarget } from './table-writer';

/** The import side of a bidirectional pair. */
export interface PairImport {
  /** The pair's key: its export job. */
  id: string;
  policy: ConflictPolicy;
  jobId: string;
  runId: string;
}

interface HubRow {
  hubId: string;
  updatedAt: string | null;
  values: Record<string, unknown>;
}

/**
 * Before a paired import applies a batch: for each record the hub already has, every field is
 * settled against the hub's value and the last synced one (see `decideField`) — fields the hub
 * changed since stay the hub's (dropped from the upsert: absent is not null), conflicts are settled
 * by the pair's policy and recorded. Returns the adjusted intents and what to remember once applied.
 *
 * @example
 * ```ts
 * const { intents, afterApply } = await settlePairedImport(runner, target, pair, foldBatch(buffer));
 * await applyIntents(runner, target, intents, now);
 * await afterApply();
 * ```
 */
export async function settlePairedImport(
  runner: QueryRunner,
  target: TableTarget,
  pair: PairImport,
  intents: RecordIntent[],
): Promise<{ intents: RecordIntent[]; afterApply: () => Promise<void> }> {
  const upserts = intents.filter((i): i is Extract<RecordIntent, { kind: 'upsert' }> => i.kind === 'upsert');
  const rows = await hubRows(runner, target, upserts.map((u) => u.crmId));
  const synced = await loadSynced(runner, target.dialect, pair.id, [...rows.values()].map((r) => r.hubId));
  const conflicts: Conflict[] = [];
  const states: SyncedValues = new Map();
  const byCrmId = new Map<string, Record<string, unknown>>();
  const adjusted = intents.map((intent) => {
    if (intent.kind !== 'upsert') return intent;
    const row = rows.get(intent.crmId);
    if (!row) {
      byCrmId.set(intent.crmId, intent.data);
      return intent;
    }
    const last = synced.get(row.hubId);
    const data: Record<string, unknown> = {};
    const state: Record<string, unknown> = {};
    for (const [field, incoming] of Object.entries(intent.data)) {
      if (!target.columns.has(field)) continue;
      const decision = decideField({
        incoming,
        current: row.values[field],
        synced: last?.[field],
        hasSynced: last !== undefined && field in last,
        policy: pair.policy,
        crmModifiedAt: intent.modifiedAt,
        hubUpdatedAt: row.updatedAt,
      });
      if (decision.apply) data[field] = incoming;
      state[field] = decision.synced;
      if (decision.conflict) conflicts.push({ hubId: row.hubId, crmId: intent.crmId, field, hubValue: row.values[field], crmValue: incoming, winner: decision.conflict });
    }
    states.set(row.hubId, state);
    return { ...intent, data };
  });
  const afterApply = async (): Promise<void> => {
    const created = await hubRows(runner, target, [...byCrmId.keys()]);
    for (const [crmId, data] of byCrmId) {
      const row = created.get(crmId);
      if (row) states.set(row.hubId, Object.fromEntries(Object.entries(data).filter(([f]) => target.columns.has(f))));
    }
    await saveSynced(runner, target.dialect, pair.id, states);
    await saveConflicts(runner, target.dialect, { jobId: pair.jobId, runId: pair.runId, policy: pair.policy }, conflicts);
  };
  return { intents: adjusted, afterApply };
}

async function hubRows(runner: QueryRunner, target: TableTarget, crmIds: string[]): Promise<Map<string, HubRow>> {
  const columns = [...target.columns.values()];
  const table = quoteIdentifier(assertGeneratedIdentifier(target.table));
  const select = ['hub_id', 'crm_id', 'hub_updated_at', ...columns.map((c) => assertGeneratedIdentifier(c.column))].map(quoteIdentifier).join(', ');
  const found = new Map<string, HubRow>();
  for (const part of chunks(crmIds, 500)) {
    const params = new SqlParams(target.dialect);
    const rows = (await runner.query(`SELECT ${select} FROM ${table} WHERE "crm_id" ${params.inList(part)}`, params.values)) as Record<string, unknown>[];
    for (const row of rows) {
      found.set(String(row['crm_id']), {
        hubId: String(row['hub_id']),
        updatedAt: row['hub_updated_at'] === null ? null : (fromColumn(row['hub_updated_at'], { kind: 'timestamp' }) as string),
        values: Object.fromEntries(columns.map((c) => [c.field, fromColumn(row[c.column], c.type)])),
      });
    }
  }
  return found;
}
