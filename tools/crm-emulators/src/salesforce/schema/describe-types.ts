/**
 * The describe JSON shapes, with every key Salesforce returns (REST API v58–v62).
 * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_describesobjects_describesobjectresult.htm
 */

export type FieldType =
  | 'id' | 'string' | 'textarea' | 'picklist' | 'multipicklist' | 'combobox' | 'reference' | 'boolean' | 'int'
  | 'double' | 'currency' | 'percent' | 'date' | 'datetime' | 'time' | 'email' | 'phone' | 'url'
  | 'encryptedstring' | 'address' | 'location' | 'base64' | 'anyType';

export interface PicklistEntry {
  active: boolean;
  defaultValue: boolean;
  label: string;
  /** Base64 bitmap of the controlling values this entry is valid for (dependent picklists), else null. */
  validFor: string | null;
  value: string;
}

export interface FieldDescribe {
  aggregatable: boolean;
  aiPredictionField: boolean;
  autoNumber: boolean;
  byteLength: number;
  calculated: boolean;
  calculatedFormula: string | null;
  cascadeDelete: boolean;
  caseSensitive: boolean;
  compoundFieldName: string | null;
  controllerName: string | null;
  createable: boolean;
  custom: boolean;
  defaultValue: string | boolean | number | null;
  defaultValueFormula: string | null;
  defaultedOnCreate: boolean;
  dependentPicklist: boolean;
  deprecatedAndHidden: boolean;
  digits: number;
  displayLocationInDecimal: boolean;
  encrypted: boolean;
  externalId: boolean;
  extraTypeInfo: string | null;
  filterable: boolean;
  filteredLookupInfo: Record<string, unknown> | null;
  formulaTreatNullNumberAsZero: boolean;
  groupable: boolean;
  highScaleNumber: boolean;
  htmlFormatted: boolean;
  idLookup: boolean;
  inlineHelpText: string | null;
  label: string;
  length: number;
  mask: string | null;
  maskType: string | null;
  name: string;
  nameField: boolean;
  namePointing: boolean;
  nillable: boolean;
  permissionable: boolean;
  picklistValues: PicklistEntry[];
  polymorphicForeignKey: boolean;
  precision: number;
  queryByDistance: boolean;
  referenceTargetField: string | null;
  referenceTo: string[];
  relationshipName: string | null;
  relationshipOrder: number | null;
  restrictedDelete: boolean;
  restrictedPicklist: boolean;
  scale: number;
  searchPrefilterable: boolean;
  soapType: string;
  sortable: boolean;
  type: FieldType;
  unique: boolean;
  updateable: boolean;
  writeRequiresMasterRead: boolean;
}

export interface ChildRelationship {
  cascadeDelete: boolean;
  childSObject: string;
  deprecatedAndHidden: boolean;
  field: string;
  junctionIdListNames: string[];
  junctionReferenceTo: string[];
  relationshipName: string | null;
  restrictedDelete: boolean;
}

export interface RecordTypeInfo {
  active: boolean;
  available: boolean;
  defaultRecordTypeMapping: boolean;
  developerName: string;
  master: boolean;
  name: string;
  recordTypeId: string;
  urls: Record<string, string>;
}

/** One entry of `GET /sobjects` (describeGlobal). */
export interface GlobalSObjectDescribe {
  activateable: boolean;
  associateEntityType: string | null;
  associateParentEntity: string | null;
  createable: boolean;
  custom: boolean;
  customSetting: boolean;
  deepCloneable: boolean;
  deletable: boolean;
  deprecatedAndHidden: boolean;
  feedEnabled: boolean;
  hasSubtypes: boolean;
  isInterface: boolean;
  isSubtype: boolean;
  keyPrefix: string | null;
  label: string;
  labelPlural: string;
  layoutable: boolean;
  mergeable: boolean;
  mruEnabled: boolean;
  name: string;
  queryable: boolean;
  replicateable: boolean;
  retrieveable: boolean;
  searchable: boolean;
  triggerable: boolean;
  undeletable: boolean;
  updateable: boolean;
  urls: Record<string, string>;
}

/** `GET /sobjects/{o}/describe`. */
export interface SObjectDescribe extends GlobalSObjectDescribe {
  actionOverrides: unknown[];
  childRelationships: ChildRelationship[];
  compactLayoutable: boolean;
  defaultImplementation: string | null;
  extendedBy: string | null;
  extendsInterfaces: string | null;
  fields: FieldDescribe[];
  implementedBy: string | null;
  implementsInterfaces: string | null;
  listviewable: boolean | null;
  lookupLayoutable: boolean | null;
  namedLayoutInfos: unknown[];
  networkScopeFieldName: string | null;
  recordTypeInfos: RecordTypeInfo[];
  searchLayoutable: boolean;
  sobjectDescribeOption: string;
  supportedScopes: { label: string; name: string }[];
}
