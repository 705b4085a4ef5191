import type { HubColumnType } from '@crm-hub/persistence';
import type { CanonicalType } from '@crm-hub/plugin-sdk';
import { IsoTimestampColumn } from '@crm-hub/persistence';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { CrmSchemaEntity } from './crm-schema.entity';

/** A picklist's values as they were when the schema last matched the CRM. */
export type EnumSnapshot = { value: string; label: string; active: boolean }[];

/** One CRM field of a schema and the column that holds it (none for an address stored as components). */
@Entity('crm_schema_field')
export class CrmSchemaFieldEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  schemaId!: string;

  @ManyToOne(() => CrmSchemaEntity, (s) => s.fields, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'schema_id' })
  schema!: Relation<CrmSchemaEntity>;

  /** The CRM's name, exactly (it may hold anything; it never reaches SQL). */
  @Column({ type: 'varchar', length: 255 })
  fieldName!: string;

  @Column({ type: 'varchar', length: 255 })
  label!: string;

  /** The generated column (validated snake_case); null for a compound stored as its components. */
  @Column({ type: 'varchar', length: 63, nullable: true })
  columnName!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  columnType!: HubColumnType | null;

  @Column({ type: 'varchar', length: 16 })
  canonicalType!: CanonicalType;

  @Column({ type: 'varchar', length: 64 })
  nativeType!: string;

  @Column({ type: 'integer', nullable: true })
  length!: number | null;

  @Column({ type: 'integer', nullable: true })
  precision!: number | null;

  @Column({ type: 'integer', nullable: true })
  scale!: number | null;

  @Column({ type: 'boolean' })
  nullable!: boolean;

  @Column({ type: 'boolean' })
  createable!: boolean;

  @Column({ type: 'boolean' })
  updateable!: boolean;

  @Column({ type: 'boolean' })
  externalId!: boolean;

  @Column({ type: 'boolean' })
  isUnique!: boolean;

  /** The CRM computes the value (formula, roll-up): it changes without the modification stamp moving. */
  @Column({ type: 'boolean', default: false })
  computed!: boolean;

  @Column({ type: 'simple-json', nullable: true })
  referenceTo!: string[] | null;

  /** The CRM picklist of an enum / multi-enum field (CrmEnum.id). */
  @Column({ type: 'varchar', length: 255, nullable: true })
  crmEnumId!: string | null;

  /** Digest of that picklist's values when last aligned, for drift. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  enumFingerprint!: string | null;

  /** Those values, to tell which were added, removed or relabeled since. */
  @Column({ type: 'simple-json', nullable: true })
  enumSnapshot!: EnumSnapshot | null;

  /** The hub enumeration the field is bound to (by enum sync), for labels next to values. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  enumerationId!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  compoundOf!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  components!: string[] | null;

  @Column({ type: 'integer' })
  position!: number;

  /** False once the field disappeared from the CRM: the column and its data stay. */
  @Column({ type: 'boolean' })
  active!: boolean;

  @IsoTimestampColumn({ nullable: true })
  removedAt!: Date | null;
}
