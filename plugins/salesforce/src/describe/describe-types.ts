/**
 * The parts of Salesforce's describe answers the plugin reads.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm
 */

/**
 * One picklist entry of a describe field.
 *
 * @example
 * ```ts
 * const gold: SfPicklistValue = { value: 'Gold', label: 'Gold', active: true, defaultValue: false, validFor: 'gAAA' };
 * ```
 */
export interface SfPicklistValue {
  value: string;
  label: string | null;
  active: boolean;
  defaultValue: boolean;
  /** Base64 bitmap of the controlling values this value is valid for (dependent picklists). */
  validFor?: string | null;
}

/**
 * One field of `GET /sobjects/{Object}/describe`.
 *
 * @example
 * ```ts
 * const f: Pick<SfField, 'name' | 'type'> = { name: 'Tier__c', type: 'picklist' };
 * ```
 */
export interface SfField {
  name: string;
  label: string;
  type: string;
  length?: number;
  precision?: number;
  scale?: number;
  digits?: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  externalId?: boolean;
  unique?: boolean;
  idLookup?: boolean;
  filterable?: boolean;
  sortable?: boolean;
  /** Salesforce fills it in on create when left out (Lead `Status`, `OwnerId`, checkboxes). */
  defaultedOnCreate?: boolean;
  /** Formula and roll-up summary fields. */
  calculated?: boolean;
  autoNumber?: boolean;
  nameField?: boolean;
  htmlFormatted?: boolean;
  /** `richtextarea`, `plaintextarea`, `imageurl`, `personname`, `switchablepersonname`, … */
  extraTypeInfo?: string | null;
  referenceTo?: string[];
  relationshipName?: string | null;
  compoundFieldName?: string | null;
  picklistValues?: SfPicklistValue[];
  restrictedPicklist?: boolean;
  dependentPicklist?: boolean;
  controllerName?: string | null;
}

/**
 * `GET /sobjects/{Object}/describe`.
 *
 * @example
 * ```ts
 * const d: Pick<SfDescribe, 'name' | 'fields'> = { name: 'Contact', fields: [] };
 * ```
 */
export interface SfDescribe {
  name: string;
  label: string;
  custom: boolean;
  queryable: boolean;
  replicateable?: boolean;
  fields: SfField[];
}

/**
 * One entry of `GET /sobjects` (describeGlobal).
 *
 * @example
 * ```ts
 * const o: SfGlobalObject = { name: 'Contact', keyPrefix: '003', label: 'Contact', custom: false, queryable: true, replicateable: true };
 * ```
 */
export interface SfGlobalObject {
  name: string;
  /** The first 3 characters of the object's record ids (null for objects without records of their own). */
  keyPrefix?: string | null;
  label: string;
  custom: boolean;
  queryable: boolean;
  replicateable?: boolean;
  retrieveable?: boolean;
  deprecatedAndHidden?: boolean;
}
