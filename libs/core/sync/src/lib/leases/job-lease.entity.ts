import { IsoTimestampColumn } from '@crm-hub/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Who is running a job right now: one row per job, taken with a compare-and-set, renewed by heartbeat. */
@Entity('sync_lease')
export class JobLeaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  jobId!: string;

  /** The hub process (a random id per process start). */
  @Column({ type: 'varchar', length: 64 })
  owner!: string;

  @Column({ type: 'varchar', length: 36 })
  runId!: string;

  @IsoTimestampColumn()
  expiresAt!: Date;
}
