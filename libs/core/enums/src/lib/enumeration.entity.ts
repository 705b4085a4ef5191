import { IsoTimestampColumn } from '@crm-hub/persistence';
import { Column, Entity, OneToMany, PrimaryColumn, type Relation } from 'typeorm';
import { EnumerationValueEntity } from './enumeration-value.entity';

/** A hub enumeration: a named list of values with labels, filled by hand or from CRM picklists. */
@Entity('enumeration')
export class EnumerationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 100, unique: true })
  name!: string;

  @Column({ type: 'varchar', length: 255 })
  label!: string;

  @OneToMany(() => EnumerationValueEntity, (v) => v.enumeration, { cascade: true })
  values!: Relation<EnumerationValueEntity[]>;

  @IsoTimestampColumn()
  createdAt!: Date;

  @IsoTimestampColumn()
  updatedAt!: Date;
}
