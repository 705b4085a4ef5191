import { IsoTimestampColumn } from '@crm-hub/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Scope } from '../scopes';

/** An API key, stored only as a SHA-256 hash (keys are random, so a plain hash is enough). */
@Entity('api_key')
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  keyHash!: string;

  /** The first characters of the key, to tell keys apart without revealing them. */
  @Column({ type: 'varchar', length: 16 })
  keyPrefix!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  scope!: Scope;

  /** The accounts the key is limited to; null: every account. */
  @Column({ type: 'simple-json', nullable: true })
  accounts!: string[] | null;

  @IsoTimestampColumn()
  createdAt!: Date;

  @IsoTimestampColumn({ nullable: true })
  expiresAt!: Date | null;

  /** Written at most once a minute per key and process (see ApiKeysService). */
  @IsoTimestampColumn({ nullable: true })
  lastUsedAt!: Date | null;

  @IsoTimestampColumn({ nullable: true })
  revokedAt!: Date | null;
}
