import {
  afterWatermark,
  notAfter,
  toBoolean,
  toIsoDateTime,
  type SyncMessage,
  type Watermark,
  type WatermarkTracker,
} from '@crm-hub/plugin-sdk';
import { buildSoql } from '../soql/query-builder';
import { filterToSoql } from '../soql/filter-to-soql';
import type { ReferenceNamer } from '../values/reference-names';
import { encodeCheckpoint, type BulkPosition } from './checkpoint';
import { rowToData, type ReadPlan } from './read-plan';

/**
 * One read in progress, as its REST and Bulk phases share it.
 *
 * @example
 * ```ts
 * const ctx: ReadContext = { plan, upper: upperBound(clock.now(), lagMs), deletedThrough: undefined, references };
 * ```
 */
export interface ReadContext {
  plan: ReadPlan;
  /** The safety-lagged "now" (epoch ms, whole seconds), or undefined when the lag is 0. */
  upper: number | undefined;
  deletedThrough: string | undefined;
  /** Names polymorphic reference values (undefined when the read selects none). */
  references: ReferenceNamer | undefined;
}

/**
 * The read's SOQL from `from` (exclusive, in `(cursor, Id)` order) up to the upper bound: the
 * SDK's `afterWatermark` / `notAfter` filters, rendered by the plugin's own filter translator
 * (`(C > t OR (C = t AND Id > 'id'))`, `C >= t` for a watermark without an id — Salesforce
 * refuses `Id > ''` — and `C <= upper`, datetimes as bare SOQL literals). `ordered` adds
 * `ORDER BY C, Id` (REST; Bulk 2.0 refuses ORDER BY).
 *
 * @example
 * ```ts
 * readSoql(plan, { modifiedAt: '2026-03-01T10:00:00.000Z', id: '' }, undefined, true);
 * // 'SELECT Id, SystemModstamp, … FROM Contact WHERE SystemModstamp >= 2026-03-01T10:00:00Z ORDER BY SystemModstamp, Id'
 * ```
 */
export function readSoql(plan: ReadPlan, from: Watermark | undefined, upper: number | undefined, ordered: boolean): string {
  const field = plan.cursorField;
  return buildSoql({
    object: plan.object,
    select: plan.select,
    where: [
      plan.filter ?? '',
      plan.deletes === 'only' && plan.endpoint === 'queryAll' ? 'IsDeleted = true' : '',
      field && from ? filterToSoql(afterWatermark(from, { cursorField: field, idField: 'Id' }), plan.model) : '',
      field && upper !== undefined ? filterToSoql(notAfter(upper, field), plan.model) : '',
    ],
    ...(ordered ? { orderBy: field ? [field, 'Id'] : ['Id'] } : {}),
  });
}

/**
 * Turns rows into messages (upserts; soft-deleted rows of `queryAll` as deletes) and moves the
 * watermark. The tracker only advances to rows stamped within the upper bound: a row changed
 * while the read was paging comes back with its new stamp, past the bound, and rows before it in
 * the old order may still be ahead. Warnings about unnamed polymorphic ids come first.
 *
 * @example
 * ```ts
 * const messages = toMessages(ctx, page.records, tracker);
 * ```
 */
export function toMessages(ctx: ReadContext, rows: readonly Record<string, unknown>[], tracker: WatermarkTracker): SyncMessage[] {
  const { plan } = ctx;
  const out: SyncMessage[] = [];
  for (const row of rows) {
    const id = String(row['Id']);
    const stamp = plan.cursorField ? toIsoDateTime(String(row[plan.cursorField])) : undefined;
    if (plan.endpoint === 'queryAll' && toBoolean(row['IsDeleted'] as string | boolean)) {
      out.push({ kind: 'delete', object: plan.object, id, ...(stamp ? { deletedAt: stamp } : {}) });
    } else if (plan.deletes !== 'only') {
      out.push({ kind: 'upsert', object: plan.object, id, data: rowToData(row, plan, ctx.references), ...(stamp ? { modifiedAt: stamp } : {}) });
    }
    if (stamp !== undefined) tracker.advance(stamp, id);
  }
  const warnings = ctx.references?.takeWarnings(plan.object) ?? [];
  if (warnings.length) out.unshift(...warnings);
  return out;
}

/**
 * The checkpoint message at `watermark` (plus the Bulk position in the middle of a Bulk phase).
 *
 * @example
 * ```ts
 * yield [...messages, checkpointMessage(ctx, tracker.current)];
 * ```
 */
export function checkpointMessage(ctx: ReadContext, watermark: Watermark | undefined, bulk?: BulkPosition): SyncMessage {
  return {
    kind: 'checkpoint',
    object: ctx.plan.object,
    checkpoint: encodeCheckpoint({
      cursorField: ctx.plan.cursorField,
      ...(watermark ? { watermark } : {}),
      ...(ctx.deletedThrough ? { deletedThrough: ctx.deletedThrough } : {}),
      ...(bulk ? { bulk } : {}),
    }),
  };
}
