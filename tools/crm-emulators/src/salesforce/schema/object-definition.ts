import type { FieldValue, Row } from '../store/row-types';
import { makeId } from '../util/record-ids';
import type { FieldDescribe, GlobalSObjectDescribe } from './describe-types';

/**
 * A record type of an object (beside the Master one every object has): what `recordTypeInfos`
 * lists and what `RecordTypeId` values may be.
 * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_describesobjects_describesobjectresult.htm#recordtypeinfo
 */
export interface RecordTypeDefinition {
  id: string;
  developerName: string;
  name: string;
  /** The default record type of the API user's profile: what a create without RecordTypeId gets. */
  defaultMapping?: boolean;
}

/** The object-level flags of describeGlobal an object may have other than a plain data object's. */
export type ObjectFlags = Partial<
  Pick<GlobalSObjectDescribe, 'createable' | 'updateable' | 'deletable' | 'undeletable' | 'mergeable' | 'layoutable' | 'searchable' | 'triggerable' | 'feedEnabled' | 'mruEnabled'>
>;

/** What the emulator knows of one sObject: its describe parts plus how computed fields get values. */
export interface ObjectDefinition {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  fields: FieldDescribe[];
  /** Values of calculated / read-only derived fields (formula fields, person names). */
  formulas?: Record<string, (row: Row) => FieldValue>;
  /** Values a new record gets when the writer leaves them out (Salesforce's field defaults and automation). */
  createDefaults?: (row: Record<string, FieldValue>) => void;
  supportedScopes: { label: string; name: string }[];
  /** Record types beside Master (they add the `RecordTypeId` field, as in real orgs). */
  recordTypes?: RecordTypeDefinition[];
  /** describeGlobal flags that differ from a data object's (history objects are read-only). */
  flags?: ObjectFlags;
}

/** The id of the n-th record type of the org (key prefix 012; Master is `012000000000000AAA`). */
export function recordTypeId(n: number): string {
  return makeId('012', n);
}

/** The Master record type every object has, whose id is the same in every org. */
export const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

/** The `validFor` bitmap of a dependent picklist entry: bit i (most significant first) for controlling value i. */
export function validFor(controllingIndexes: number[], controllingCount: number): string {
  const bytes = Buffer.alloc(Math.max(1, Math.ceil(controllingCount / 8)));
  for (const i of controllingIndexes) bytes[i >> 3] = (bytes[i >> 3] as number) | (0x80 >> (i & 7));
  return bytes.toString('base64');
}

export function scopes(plural: string): { label: string; name: string }[] {
  return [
    { label: `All ${plural.toLowerCase()}`, name: 'everything' },
    { label: `My ${plural.toLowerCase()}`, name: 'mine' },
    { label: 'My team\'s ' + plural.toLowerCase(), name: 'team' },
  ];
}

/** Contact and Lead `Name`: first and last name (the salutation shows in the UI only). */
export function personName(row: Row): FieldValue {
  const name = [row['FirstName'], row['LastName']].filter((v) => typeof v === 'string' && v).join(' ');
  return name || null;
}
