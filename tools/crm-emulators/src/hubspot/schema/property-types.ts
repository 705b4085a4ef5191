/**
 * Property definitions as `GET /crm/v3/properties/{objectType}` returns them (the `Property`
 * model of the CRM API), plus what the emulator needs to evaluate them.
 * https://developers.hubspot.com/docs/api/crm/properties
 */

/** `type`: how HubSpot stores the value. */
export type HubSpotPropertyType = 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool' | 'phone_number';

/** `fieldType`: how the value is edited (`checkbox` is a multi-select, values `;`-joined). */
export type HubSpotFieldType =
  | 'text'
  | 'textarea'
  | 'html'
  | 'number'
  | 'date'
  | 'file'
  | 'select'
  | 'radio'
  | 'checkbox'
  | 'booleancheckbox'
  | 'calculation_equation'
  | 'phonenumber';

/** One option of an enumeration property. */
export interface HubSpotOption {
  label: string;
  value: string;
  displayOrder: number;
  hidden: boolean;
  description?: string;
}

/** A property as the API shows it. */
export interface HubSpotProperty {
  name: string;
  label: string;
  type: HubSpotPropertyType;
  fieldType: HubSpotFieldType;
  description: string;
  groupName: string;
  options: HubSpotOption[];
  displayOrder: number;
  calculated: boolean;
  externalOptions: boolean;
  hasUniqueValue: boolean;
  hidden: boolean;
  hubspotDefined?: boolean;
  formField: boolean;
  modificationMetadata: { archivable: boolean; readOnlyDefinition: boolean; readOnlyValue: boolean };
  numberDisplayHint?: 'unformatted' | 'formatted' | 'currency' | 'percentage' | 'duration' | 'probability';
  showCurrencySymbol?: boolean;
  referencedObjectType?: string;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

/** What the emulator keeps beside the API's definition. */
export interface PropertyDefinition extends HubSpotProperty {
  /** Calculated properties: the value from the record's other values (evaluated on every read). */
  compute?: (values: Readonly<Record<string, string>>) => string | null;
  /** `string` properties holding an email address HubSpot checks (contacts' `email`). */
  email?: boolean;
}

const CREATED = '2019-08-06T02:43:00.000Z';

/** Shorthands for the definitions of the standard and custom objects. */
export interface PropertyOptions {
  label?: string;
  fieldType?: HubSpotFieldType;
  options?: string[] | HubSpotOption[];
  readOnly?: boolean;
  unique?: boolean;
  hint?: HubSpotProperty['numberDisplayHint'];
  group?: string;
  hubspotDefined?: boolean;
  compute?: PropertyDefinition['compute'];
  email?: boolean;
  referencedObjectType?: string;
  externalOptions?: boolean;
}

const DEFAULT_FIELD_TYPE: Record<HubSpotPropertyType, HubSpotFieldType> = {
  string: 'text',
  number: 'number',
  date: 'date',
  datetime: 'date',
  enumeration: 'select',
  bool: 'booleancheckbox',
  phone_number: 'phonenumber',
};

/**
 * A property definition with HubSpot's defaults filled in.
 *
 * @example
 * ```ts
 * prop('plan', 'enumeration', { options: ['basic', 'premium'] });
 * ```
 */
export function prop(name: string, type: HubSpotPropertyType, o: PropertyOptions = {}): PropertyDefinition {
  const calculated = o.compute !== undefined;
  const options: HubSpotOption[] =
    type === 'bool'
      ? [
          { label: 'Yes', value: 'true', displayOrder: 0, hidden: false },
          { label: 'No', value: 'false', displayOrder: 1, hidden: false },
        ]
      : (o.options ?? []).map((opt, i) => (typeof opt === 'string' ? { label: labelOf(opt), value: opt, displayOrder: i, hidden: false } : opt));
  return {
    name,
    label: o.label ?? labelOf(name),
    type,
    fieldType: calculated ? 'calculation_equation' : (o.fieldType ?? DEFAULT_FIELD_TYPE[type]),
    description: '',
    groupName: o.group ?? 'information',
    options,
    displayOrder: -1,
    calculated,
    externalOptions: o.externalOptions ?? false,
    hasUniqueValue: o.unique ?? false,
    hidden: false,
    ...(o.hubspotDefined === false ? {} : { hubspotDefined: o.hubspotDefined ?? true }),
    formField: !calculated && !o.readOnly,
    modificationMetadata: { archivable: !o.hubspotDefined, readOnlyDefinition: o.hubspotDefined ?? true, readOnlyValue: calculated || (o.readOnly ?? false) },
    ...(o.hint ? { numberDisplayHint: o.hint } : {}),
    ...(o.hint === 'currency' ? { showCurrencySymbol: true } : {}),
    ...(o.referencedObjectType ? { referencedObjectType: o.referencedObjectType } : {}),
    createdAt: CREATED,
    updatedAt: CREATED,
    archived: false,
    ...(o.compute ? { compute: o.compute } : {}),
    ...(o.email ? { email: true } : {}),
  };
}

/** `dealstage` → `Dealstage`, `hs_object_id` → `Hs object id` (labels are cosmetic). */
function labelOf(name: string): string {
  const words = name.replace(/^hs_/, '').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The API's view of a definition (without the emulator's own keys). */
export function publicProperty(def: PropertyDefinition): HubSpotProperty {
  const { compute: _compute, email: _email, ...api } = def;
  return api;
}
