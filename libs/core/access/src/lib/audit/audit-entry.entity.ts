import { IsoTimestampColumn } from '@crm-hub/persistence';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What a change changed: per field, its value before and after; a secret only as `"changed"`. */
export type AuditChanges = Record<string, { from?: unknown; to?: unknown } | 'changed' | 'removed'>;

/** One change made through the API: who, what, and how it ended. Never updated, only pruned by age. */
@Entity('audit_entry')
@Index('audit_entry_at_ix', ['at'])
export class AuditEntryEntity {
  /** Increasing: the order of the log and its paging cursor. */
  @PrimaryGeneratedColumn('increment')
  seq!: number;

  @IsoTimestampColumn()
  at!: Date;

  @Column({ type: 'varchar', length: 40 })
  keyId!: string;

  @Column({ type: 'varchar', length: 16 })
  keyPrefix!: string;

  @Column({ type: 'varchar', length: 100 })
  keyName!: string;

  /** e.g. `account.update`, `job.run`, `key.revoke`. */
  @Column({ type: 'varchar', length: 60 })
  action!: string;

  @Column({ type: 'varchar', length: 8 })
  method!: string;

  @Column({ type: 'varchar', length: 500 })
  path!: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  resourceType!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  resourceId!: string | null;

  /** The account the resource belongs to (keys limited to accounts see only their entries). */
  @Index('audit_entry_account_ix')
  @Column({ type: 'varchar', length: 36, nullable: true })
  accountId!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  changes!: AuditChanges | null;

  /** `pending`: the change was under way when written and no outcome was recorded (still running, or its process stopped). */
  @Column({ type: 'varchar', length: 10 })
  outcome!: 'pending' | 'succeeded' | 'failed';

  /** The answer's HTTP status; null while pending. */
  @Column({ type: 'integer', nullable: true })
  status!: number | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
