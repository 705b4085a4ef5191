/**
 * Every canonical field type, in the order of the contract. Plugins map each CRM type to one of these.
 *
 * @example
 * ```ts
 * import { CANONICAL_TYPES } from '@crm-hub/plugin-sdk';
 * CANONICAL_TYPES.includes('multi-enum'); // true
 * ```
 */
export const CANONICAL_TYPES = [
  'id',
  'string',
  'text',
  'email',
  'phone',
  'url',
  'boolean',
  'integer',
  'decimal',
  'currency',
  'percent',
  'date',
  'datetime',
  'time',
  'enum',
  'multi-enum',
  'reference',
  'address',
  'json',
  'binary',
] as const;

/**
 * The hub's type for a CRM field; values of each type cross the contract in one canonical JS form
 * (see the README's table: decimals as exact strings, datetimes as ISO 8601 UTC, multi-enums as arrays).
 *
 * @example
 * ```ts
 * const type: CanonicalType = sfType === 'multipicklist' ? 'multi-enum' : 'string';
 * ```
 */
export type CanonicalType = (typeof CANONICAL_TYPES)[number];

/**
 * One field of a CRM object, as `discover()` reports it.
 *
 * @example
 * ```ts
 * const field: CrmField = {
 *   name: 'Industry', label: 'Industry', nativeType: 'picklist', type: 'enum',
 *   nullable: true, createable: true, updateable: true, externalId: false, unique: false,
 *   enumId: 'Account.Industry',
 * };
 * ```
 */
export interface CrmField {
  name: string;
  label: string;
  /** The type as the CRM reports it (e.g. `picklist`, `MoneyType`). */
  nativeType: string;
  type: CanonicalType;
  length?: number;
  precision?: number;
  scale?: number;
  /** Whether the CRM stores an empty value (`null`). Distinct from {@link CrmField.required}. */
  nullable: boolean;
  /**
   * Whether a create must give this field: not nullable, createable, and not filled in by the CRM
   * (Salesforce `defaultedOnCreate` fields such as Lead `Status` or `OwnerId` are not required;
   * Dataverse's `RequiredLevel` is advisory, so only `SystemRequired` columns are). Absent (SDK
   * 1.0 plugins): unknown — hosts fall back to `!nullable && createable`.
   */
  required?: boolean;
  createable: boolean;
  updateable: boolean;
  externalId: boolean;
  unique: boolean;
  /**
   * The CRM computes the value (formula, roll-up, calculated column). It can change without the
   * record's modification stamp moving, so incremental reads miss such changes: refresh computed
   * fields with full reads of their own.
   */
  computed?: boolean;
  /** The CRM numbers new records itself (Salesforce auto-number, Dataverse auto-number format). */
  autoNumber?: boolean;
  /** The object's name field (the one shown as the record's name; `Name`, `fullname`). */
  nameField?: boolean;
  /** How the value should be shown or checked, beyond its type (see {@link FieldFormat}). */
  format?: FieldFormat;
  /**
   * For `reference`: the object names it can point to. With more than one target the field is
   * polymorphic, and its values cross the contract as `"<target>:<id>"` (`formatReference`), so
   * the target of each value is never lost.
   */
  referenceTo?: string[];
  /** For `reference`: the name of the relationship (Salesforce `Account` for `AccountId`; Dataverse the navigation property). */
  relationshipName?: string;
  /** For `enum` / `multi-enum`: the {@link CrmEnum.id} of its values. */
  enumId?: string;
  /** For `address` fields: the names of their component fields (e.g. `BillingStreet`, `BillingCity`). */
  components?: string[];
}

/**
 * What a field's text holds, when its type alone does not say: `html` (rich text), `multiline`
 * (plain text areas), `email`, `phone`, `url`, `image-url` (a link to an image), `person-name`
 * (a compound person name), `ticker-symbol`, `file` (the id of a file stored by the CRM, whose
 * content needs a call of its own), `image` (image bytes, base64).
 *
 * @example
 * ```ts
 * const description: CrmField = { ...base, name: 'Description__c', type: 'text', format: 'html' };
 * ```
 */
export type FieldFormat =
  | 'html'
  | 'multiline'
  | 'email'
  | 'phone'
  | 'url'
  | 'image-url'
  | 'person-name'
  | 'ticker-symbol'
  | 'file'
  | 'image';

/**
 * A field the plugin does not read, and why (e.g. a Dataverse `ManagedProperty`, a Salesforce
 * `location` without components). Listed so that nothing is dropped without a word.
 *
 * @example
 * ```ts
 * const skipped: UnsupportedField = { name: 'iscustomizable', nativeType: 'ManagedProperty', reason: 'solution metadata, not record data' };
 * ```
 */
export interface UnsupportedField {
  name: string;
  nativeType: string;
  reason: string;
}

/**
 * One CRM object (table), as `discover()` reports it.
 *
 * @example
 * ```ts
 * const contact: CrmObject = {
 *   name: 'Contact', label: 'Contact', custom: false, idField: 'Id',
 *   cursorField: 'SystemModstamp', incremental: 'cursor', fields: [],
 * };
 * ```
 */
export interface CrmObject {
  name: string;
  label: string;
  custom: boolean;
  /** The field holding the record id, e.g. `Id`, `accountid`. */
  idField: string;
  /** The modification stamp used for incremental reads, e.g. `SystemModstamp`, `modifiedon`. */
  cursorField?: string;
  /** How `read()` resumes from a checkpoint for this object. */
  incremental: 'delta' | 'cursor' | 'none';
  /**
   * How deletes of this object are reported, when it differs from `capabilities.deletes` (e.g. a
   * Dataverse table without change tracking cannot stream its deletes). Absent: the manifest's.
   */
  deletes?: 'stream' | 'window' | 'none';
  /** Empty when `discover()` was called without `objects` (a listing). */
  fields: CrmField[];
  /** Fields the CRM has that `read()` cannot carry, with the reason (absent: none). */
  unsupportedFields?: UnsupportedField[];
}

/**
 * One value of a {@link CrmEnum}.
 *
 * @example
 * ```ts
 * const value: CrmEnumValue = { value: '727000001', label: 'Gold', active: true, isDefault: false, order: 1 };
 * ```
 */
export interface CrmEnumValue {
  /** The value as stored in records, always a string (Dataverse option values included). */
  value: string;
  label: string;
  active: boolean;
  isDefault: boolean;
  order: number;
  /** For values of a dependent picklist: the controlling field's values under which this one is valid. */
  validFor?: string[];
}

/**
 * A picklist / option set of the CRM.
 *
 * @example
 * ```ts
 * const industry: CrmEnum = {
 *   id: 'Account.Industry', label: 'Industry', global: false, multiSelect: false, restricted: true,
 *   values: [{ value: 'Energy', label: 'Energy', active: true, isDefault: false, order: 0 }],
 * };
 * ```
 */
export interface CrmEnum {
  /** Stable id: `"<object>.<field>"` for local picklists, `"global:<name>"` for global option sets. */
  id: string;
  label: string;
  global: boolean;
  multiSelect: boolean;
  /** Only the listed values are accepted by the CRM. */
  restricted: boolean;
  /** For dependent picklists: the controlling field's name. */
  controllingField?: string;
  values: CrmEnumValue[];
}

/**
 * What `discover()` returns: objects and the enumerations their fields refer to.
 *
 * @example
 * ```ts
 * const catalog: CrmCatalog = { objects: [contact], enums: [industry] };
 * ```
 */
export interface CrmCatalog {
  objects: CrmObject[];
  enums: CrmEnum[];
}
