import { IsoTimestampColumn } from '@crm-hub/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A record, or one value of it, that a run could not store or write to the CRM: never dropped silently. */
@Entity('sync_reject')
export class SyncRejectEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  jobId!: string;

  @Column({ type: 'varchar', length: 36 })
  runId!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  crmId!: string | null;

  /** The CRM field whose value was refused (none when the whole record was). */
  @Column({ type: 'varchar', length: 255, nullable: true })
  field!: string | null;

  /** The refused value as text (cut to 1,000 characters). */
  @Column({ type: 'text', nullable: true })
  value!: string | null;

  @Column({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'text' })
  reason!: string;

  /** Export and delete jobs: the hub row (its `hub_id`) that was refused. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  hubId!: string | null;

  /** Export jobs: what was sent, by CRM field name. */
  @Column({ type: 'simple-json', nullable: true })
  payload!: Record<string, unknown> | null;

  /** The CRM fields the CRM named in its error. */
  @Column({ type: 'simple-json', nullable: true })
  fields!: string[] | null;

  /** Whether the CRM said the same write may succeed later (lock contention, timeouts). */
  @Column({ type: 'boolean', default: false })
  retryable!: boolean;

  /** `open` until the row is written successfully (or the job deleted). */
  @Column({ type: 'varchar', length: 8, default: 'open' })
  status!: 'open' | 'resolved';

  @IsoTimestampColumn({ nullable: true })
  resolvedAt!: Date | null;

  @IsoTimestampColumn()
  createdAt!: Date;
}
