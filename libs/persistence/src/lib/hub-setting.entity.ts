import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Small facts the hub keeps about itself, e.g. the fingerprint of the key that sealed the secrets. */
@Entity('hub_setting')
export class HubSettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key!: string;

  @Column({ type: 'text' })
  value!: string;
}
