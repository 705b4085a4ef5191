import { IsoTimestampColumn } from '@crm-hub/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A remembered enum sync: this CRM picklist of this account feeds this hub enumeration. */
@Entity('enum_binding')
export class EnumBindingEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  accountId!: string;

  /** The CRM picklist (CrmEnum.id, e.g. `Contact.LeadSource`, `global:new_channel`). */
  @Column({ type: 'varchar', length: 255 })
  crmEnumId!: string;

  @Column({ type: 'varchar', length: 36 })
  enumerationId!: string;

  /** true: the enumeration is made exactly the CRM's values; false: values are added and labels updated. */
  @Column({ type: 'boolean' })
  replace!: boolean;

  @IsoTimestampColumn({ nullable: true })
  lastSyncedAt!: Date | null;

  @IsoTimestampColumn()
  createdAt!: Date;
}
