import { IsoTimestampColumn } from '@crm-hub/persistence';
import { Column, Entity, OneToMany, PrimaryColumn, type Relation } from 'typeorm';
import { CrmSchemaFieldEntity } from './crm-schema-field.entity';

/** A hub data schema: one CRM object of one account, mirrored by a generated table. */
@Entity('crm_schema')
export class CrmSchemaEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  accountId!: string;

  @Column({ type: 'varchar', length: 255 })
  objectName!: string;

  @Column({ type: 'varchar', length: 255 })
  objectLabel!: string;

  @Column({ type: 'varchar', length: 63, unique: true })
  tableName!: string;

  @Column({ type: 'varchar', length: 255 })
  idField!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  cursorField!: string | null;

  @Column({ type: 'varchar', length: 8 })
  incremental!: 'delta' | 'cursor' | 'none';

  /** `all`: every readable field was selected (new CRM fields are proposed by drift); `explicit`: a chosen list. */
  @Column({ type: 'varchar', length: 8 })
  selection!: 'all' | 'explicit';

  /** Digest of the CRM describe the table matches (see describeFingerprint). */
  @Column({ type: 'varchar', length: 64 })
  fingerprint!: string;

  @OneToMany(() => CrmSchemaFieldEntity, (f) => f.schema, { cascade: true })
  fields!: Relation<CrmSchemaFieldEntity[]>;

  @IsoTimestampColumn()
  createdAt!: Date;

  @IsoTimestampColumn()
  updatedAt!: Date;
}
