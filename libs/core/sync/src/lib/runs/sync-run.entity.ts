import { IsoTimestampColumn } from '@crm-hub/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where a run is: waiting, working, done (three ways), or waiting for the CRM's quota. */
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'paused' | 'cancelled';

/** Runs that hold their job: a new run of the job is refused (409) while one of these exists. */
export const ACTIVE_RUN_STATUSES: readonly RunStatus[] = ['queued', 'running', 'paused'];

/** What started a run. */
export type RunTrigger = 'manual' | 'schedule' | 'continuous' | 'refresh';

/** A warning a run wants the operator to see (a full read instead of an incremental one, a skipped sweep…). */
export interface RunNote {
  code: string;
  message: string;
}

/**
 * One execution of a job. Its counters are updated in the same transaction as the records and
 * the checkpoint they describe, so after a crash they are exactly what was committed.
 */
@Entity('sync_run')
export class SyncRunEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  jobId!: string;

  @Column({ type: 'varchar', length: 12 })
  status!: RunStatus;

  @Column({ type: 'varchar', length: 12 })
  trigger!: RunTrigger;

  /** A full read was asked for (or became necessary: expired checkpoint, changed fields). */
  @Column({ type: 'boolean' })
  full!: boolean;

  @Column({ type: 'integer' })
  recordsRead!: number;

  @Column({ type: 'integer' })
  inserted!: number;

  @Column({ type: 'integer' })
  updated!: number;

  @Column({ type: 'integer' })
  deleted!: number;

  /** Records (or values) that could not be stored: see the run's rejects. */
  @Column({ type: 'integer' })
  rejected!: number;

  /** Records not applied because the row already holds a newer version. */
  @Column({ type: 'integer' })
  skipped!: number;

  /** CRM API calls, as the plugin metered them. */
  @Column({ type: 'integer' })
  apiCalls!: number;

  /** How many records the CRM said the read would return, when it said. */
  @Column({ type: 'integer', nullable: true })
  expectedTotal!: number | null;

  @Column({ type: 'simple-json', nullable: true })
  error!: { code: string; message: string } | null;

  @Column({ type: 'simple-json' })
  notes!: RunNote[];

  /** How many times the run was (re)started: > 1 after a crash or a pause. */
  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ type: 'boolean' })
  cancelRequested!: boolean;

  /** When a paused run tries again (quota), or a failed continuous session restarts. */
  @IsoTimestampColumn({ nullable: true })
  nextAttemptAt!: Date | null;

  @IsoTimestampColumn()
  queuedAt!: Date;

  @IsoTimestampColumn({ nullable: true })
  startedAt!: Date | null;

  @IsoTimestampColumn({ nullable: true })
  finishedAt!: Date | null;

  /** Renewed while the run works; a stale one means its process died. */
  @IsoTimestampColumn({ nullable: true })
  heartbeatAt!: Date | null;

  /** The workers that executed the run, one per attempt, in order (a killed worker's successor follows it). */
  @Column({ type: 'simple-json', default: '[]' })
  workers!: string[];
}
