import { IsoTimestampColumn } from '@crm-hub/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A field changed in the hub and in the CRM since the last sync of a bidirectional pair, and who won. */
@Entity('sync_conflict')
export class SyncConflictEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  jobId!: string;

  @Column({ type: 'varchar', length: 36 })
  runId!: string;

  @Column({ type: 'varchar', length: 20 })
  hubId!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  crmId!: string | null;

  @Column({ type: 'varchar', length: 255 })
  field!: string;

  /** The hub's value (JSON). */
  @Column({ type: 'text', nullable: true })
  hubValue!: string | null;

  /** The CRM's value (JSON). */
  @Column({ type: 'text', nullable: true })
  crmValue!: string | null;

  @Column({ type: 'varchar', length: 4 })
  winner!: 'crm' | 'hub';

  @Column({ type: 'varchar', length: 12 })
  policy!: string;

  @IsoTimestampColumn()
  createdAt!: Date;
}
