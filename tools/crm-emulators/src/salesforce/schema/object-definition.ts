import type { FieldValue, Row } from '../store/row-types';
import type { FieldDescribe } from './describe-types';

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
}

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
