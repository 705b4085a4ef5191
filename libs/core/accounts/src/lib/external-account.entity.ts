import { IsoTimestampColumn } from '@crm-hub/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Outcome of the last "test connection". */
export type CheckStatus = 'ok' | 'failed';

/** A connection to one CRM: the plugin that speaks to it and its settings (secrets sealed). */
@Entity('external_account')
export class ExternalAccountEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 100, unique: true })
  name!: string;

  @Column({ type: 'varchar', length: 64 })
  pluginId!: string;

  /** Settings without the secrets, as JSON. */
  @Column({ type: 'simple-json' })
  settings!: Record<string, unknown>;

  /** Secret settings, each sealed by SecretCipher (bound to account id and setting name). */
  @Column({ type: 'simple-json' })
  sealedSecrets!: Record<string, string>;

  @Column({ type: 'varchar', length: 16, nullable: true })
  lastCheckStatus!: CheckStatus | null;

  @IsoTimestampColumn({ nullable: true })
  lastCheckAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  lastCheckReason!: string | null;

  @Column({ type: 'integer', nullable: true })
  lastCheckDurationMs!: number | null;

  @IsoTimestampColumn()
  createdAt!: Date;

  @IsoTimestampColumn()
  updatedAt!: Date;
}
