import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { EnumerationEntity } from './enumeration.entity';

/** One value of an enumeration, and where it came from. */
@Entity('enumeration_value')
export class EnumerationValueEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  enumerationId!: string;

  @ManyToOne(() => EnumerationEntity, (e) => e.values, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enumeration_id' })
  enumeration!: Relation<EnumerationEntity>;

  @Column({ type: 'varchar', length: 255 })
  value!: string;

  @Column({ type: 'varchar', length: 255 })
  label!: string;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'boolean' })
  active!: boolean;

  /** `crm:<account id>:<picklist id>` for values imported from a CRM, `hub` for values added by hand. */
  @Column({ type: 'varchar', length: 300 })
  origin!: string;
}
