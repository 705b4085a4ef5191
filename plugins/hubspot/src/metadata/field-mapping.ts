import type { CanonicalType, CrmEnum, CrmField, FieldFormat } from '@crm-hub/plugin-sdk';
import type { HubSpotProperty } from './hubspot-types';
import type { ObjectInfo } from './object-directory';

/** The id of every HubSpot record, as a property. */
export const ID_PROPERTY = 'hs_object_id';

/** A property in the contract's terms, and the enumeration of its options. */
export interface MappedProperty {
  field: CrmField;
  enumeration?: CrmEnum;
}

/**
 * One property as a {@link CrmField}: `type` by HubSpot's `type` and `fieldType` (a `checkbox`
 * enumeration is a multi-select with `;`-joined values, `booleancheckbox` a boolean, `textarea`
 * and `html` long text with their format, `numberDisplayHint` currency or percentage), read-only
 * and calculated values neither createable nor updateable (`computed` for calculated ones),
 * unique-value properties (and a contact's `email`) usable as upsert keys, custom objects'
 * `requiredProperties` required on create, the primary display property the name field.
 * https://developers.hubspot.com/docs/api/crm/properties#property-type-and-fieldtype-values
 *
 * @example
 * ```ts
 * mapProperty(contacts, { name: 'hs_buying_role', type: 'enumeration', fieldType: 'checkbox', … }).field.type; // 'multi-enum'
 * ```
 */
export function mapProperty(object: ObjectInfo, p: HubSpotProperty, stamps: readonly string[]): MappedProperty {
  const type = canonicalType(p);
  const readOnly = p.calculated === true || p.modificationMetadata?.readOnlyValue === true || p.name === ID_PROPERTY;
  const upsertKey = p.hasUniqueValue === true || (object.name === 'contacts' && p.name === 'email');
  const format = formatOf(p);
  const enumId = type === 'enum' || type === 'multi-enum' ? `${object.name}.${p.name}` : undefined;
  const field: CrmField = {
    name: p.name,
    label: p.label,
    nativeType: `${p.type}/${p.fieldType}`,
    type,
    nullable: p.name !== ID_PROPERTY && !stamps.includes(p.name),
    required: object.requiredProperties.includes(p.name),
    createable: !readOnly,
    updateable: !readOnly,
    externalId: upsertKey,
    unique: upsertKey || p.name === ID_PROPERTY,
    ...(p.calculated ? { computed: true } : {}),
    ...(object.primaryDisplayProperty === p.name ? { nameField: true } : {}),
    ...(format ? { format } : {}),
    ...(enumId ? { enumId } : {}),
  };
  if (!enumId) return { field };
  const enumeration: CrmEnum = {
    id: enumId,
    label: p.label,
    global: false,
    multiSelect: type === 'multi-enum',
    // HubSpot refuses values outside the options (INVALID_OPTION).
    restricted: true,
    values: (p.options ?? []).map((o, i) => ({ value: o.value, label: o.label, active: o.hidden !== true, isDefault: false, order: o.displayOrder ?? i })),
  };
  return { field, enumeration };
}

function canonicalType(p: HubSpotProperty): CanonicalType {
  if (p.name === ID_PROPERTY) return 'id';
  switch (p.type) {
    case 'number':
      return p.numberDisplayHint === 'currency' ? 'currency' : p.numberDisplayHint === 'percentage' ? 'percent' : 'decimal';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'bool':
      return 'boolean';
    case 'phone_number':
      return 'phone';
    case 'enumeration':
      // Options kept elsewhere (owners…) are ids, not a closed list.
      if (p.externalOptions) return 'string';
      if (p.fieldType === 'booleancheckbox') return 'boolean';
      return p.fieldType === 'checkbox' ? 'multi-enum' : 'enum';
    default:
      if (p.fieldType === 'textarea' || p.fieldType === 'html') return 'text';
      if (p.fieldType === 'phonenumber') return 'phone';
      return p.name === 'email' ? 'email' : 'string';
  }
}

function formatOf(p: HubSpotProperty): FieldFormat | undefined {
  if (p.fieldType === 'html') return 'html';
  if (p.fieldType === 'textarea') return 'multiline';
  if (p.fieldType === 'file') return 'file';
  return undefined;
}
