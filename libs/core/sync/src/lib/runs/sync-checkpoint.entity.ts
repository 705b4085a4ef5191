import { IsoTimestampColumn } from '@crm-hub/persistence';
import type { Checkpoint } from '@crm-hub/plugin-sdk';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Where a job's reads resume: the plugin's last checkpoint, committed in the same transaction as
 * the records it covers. Also what a full read with mark-and-sweep is doing, so that it survives
 * a crash.
 */
@Entity('sync_checkpoint')
export class SyncCheckpointEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  jobId!: string;

  /** Null: the next read is a full one. */
  @Column({ type: 'simple-json', nullable: true })
  checkpoint!: Checkpoint | null;

  /** The mapped fields the checkpoint was read with: other fields need a full read first. */
  @Column({ type: 'varchar', length: 64 })
  fieldsKey!: string;

  /** A full read is in progress whose end removes the rows the CRM no longer has (mark and sweep). */
  @Column({ type: 'boolean' })
  sweeping!: boolean;

  /** The run the in-progress read belongs to (a resumed run continues it; another run starts over). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  runId!: string | null;

  @IsoTimestampColumn()
  updatedAt!: Date;
}
