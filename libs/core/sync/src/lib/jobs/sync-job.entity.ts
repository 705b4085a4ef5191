import { IsoTimestampColumn } from '@crm-hub/persistence';
import type { FilterExpr } from '@crm-hub/plugin-sdk';
import type { FieldConversion } from '@crm-hub/schemas';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What a job does: `import` records (and their deletions) from the CRM, `import-deleted` only
 * deletions, `export` hub rows to the CRM, `delete` records in the CRM.
 */
export type SyncOperation = 'import' | 'import-deleted' | 'export' | 'delete';

/** How a bidirectional pair settles a field changed on both sides since the last sync. */
export type ConflictPolicy = 'crm-wins' | 'hub-wins' | 'latest-wins';

export type { FieldConversion };

/** One CRM field copied into one column of the schema's table (import), or the column into the field (export). */
export interface FieldMapping {
  field: string;
  column: string;
  conversion: FieldConversion;
}

/** How a job treats what it reads. */
export interface SyncJobOptions {
  /** Read only what changed since the last run (the stored checkpoint); false: every run is a full read. */
  incremental: boolean;
  /** Records per CRM call (a hint the plugin clamps); absent: the CRM's maximum. */
  pageSize?: number;
  /** What a CRM deletion does to the row: soft-delete (`hub_deleted_at`), remove it, or nothing. */
  deletes: 'soft' | 'hard' | 'ignore';
  /** `import-deleted` over a fixed date window instead of incrementally. */
  window?: { from: string; to: string };
  /** The time zone of `date-only` and `no-tz-shift` conversions (default: the schedule's, else UTC). */
  timeZone?: string;
  /** A schedule of full reads refreshing computed (formula) fields, which change without the modification stamp. */
  computedRefresh?: { cron: string; timeZone: string };
  /** Export: create records, change them (by `crm_id`), or upsert them by `matchField`. */
  writeMode?: 'insert' | 'update' | 'upsert';
  /** Export with upsert: the CRM's external-id field that identifies records. */
  matchField?: string;
  /** Export and delete: send the rows whose last attempt was rejected again, even when unchanged. */
  retryRejects?: boolean;
  /** Delete: the rows soft-deleted in the hub (default), or the rows matching the job's filter. */
  deleteSource?: 'soft-deleted' | 'filter';
  /** Export: the import job it forms a bidirectional pair with, and how conflicts are settled. */
  pair?: { importJobId: string; conflictPolicy: ConflictPolicy };
}

/** A sync job: one operation on one schema (one CRM object) of one account, run on demand, on a schedule or continuously. */
@Entity('sync_job')
export class SyncJobEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 36 })
  accountId!: string;

  @Column({ type: 'varchar', length: 36 })
  schemaId!: string;

  @Column({ type: 'varchar', length: 16 })
  operation!: SyncOperation;

  @Column({ type: 'simple-json' })
  mapping!: FieldMapping[];

  @Column({ type: 'simple-json', nullable: true })
  filter!: FilterExpr | null;

  @Column({ type: 'simple-json' })
  options!: SyncJobOptions;

  /** `manual` (on demand only), `scheduled` (cron) or `continuous` (the plugin's change stream). */
  @Column({ type: 'varchar', length: 12 })
  mode!: 'manual' | 'scheduled' | 'continuous';

  @Column({ type: 'varchar', length: 120, nullable: true })
  cron!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  timeZone!: string | null;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  /**
   * The next scheduled run. Processes claim a tick by moving it forward with a compare-and-set, so
   * several hubs never run one tick twice, and a tick missed while every hub was down runs once.
   */
  @IsoTimestampColumn({ nullable: true })
  nextRunAt!: Date | null;

  @IsoTimestampColumn({ nullable: true })
  nextRefreshAt!: Date | null;

  @IsoTimestampColumn()
  createdAt!: Date;

  @IsoTimestampColumn()
  updatedAt!: Date;
}
