import type { PropertyDefinition } from './property-types';

/**
 * One object type of the emulated portal: a standard object (contacts, companies, deals,
 * tickets) or a custom one (`/crm/v3/schemas`), its properties and how seeded records look.
 */
export interface ObjectDefinition {
  /** The name in paths: `contacts`, or a custom object's `name`. */
  name: string;
  /** `0-1` (contacts), `0-2`, `0-3`, `0-5`, `2-<id>` for custom objects: also accepted in paths. */
  objectTypeId: string;
  custom: boolean;
  /** Custom objects: `p<portalId>_<name>`, accepted in paths too. */
  fullyQualifiedName?: string;
  singular: string;
  plural: string;
  /** How error messages name the type (`CONTACT`). */
  errorName: string;
  /** The creation stamp (`createdate`; custom objects `hs_createdate`). */
  createdProperty: string;
  /** The modification stamp: contacts `lastmodifieddate`, other objects `hs_lastmodifieddate`. */
  modifiedProperty: string;
  primaryDisplayProperty: string;
  secondaryDisplayProperties: string[];
  requiredProperties: string[];
  searchableProperties: string[];
  /** Properties a batch upsert may name as `idProperty` beside unique-value ones (contacts: `email`). */
  upsertKeys: string[];
  /** What list, read and search answers carry when no `properties` are asked for. */
  defaultProperties: string[];
  properties: PropertyDefinition[];
  /** The values of the seeded record number `seq` (1-based): a function of it alone. */
  seed(seq: number): Record<string, string>;
}

/** `hs_object_id` and the two stamps, read-only, on every object. */
export const STAMP_NAMES = ['hs_object_id'] as const;

const PORTAL_ID = 48239670;

/** The portal id the emulated account reports (`/account-info/v3/details`, `fullyQualifiedName`s). */
export const EMULATED_PORTAL_ID = PORTAL_ID;

/**
 * `amount × factor` on decimal strings, exactly (calculated properties must not round).
 *
 * @example
 * ```ts
 * multiplyDecimal('19.9', 12); // '238.8'
 * ```
 */
export function multiplyDecimal(value: string, factor: number): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return value;
  const [, sign = '', whole = '0', fraction = ''] = match;
  const scaled = BigInt(`${whole}${fraction}`) * BigInt(factor);
  const digits = scaled.toString().padStart(fraction.length + 1, '0');
  const intPart = digits.slice(0, digits.length - fraction.length);
  const fracPart = digits.slice(digits.length - fraction.length).replace(/0+$/, '');
  return `${sign}${intPart}${fracPart ? `.${fracPart}` : ''}`;
}
