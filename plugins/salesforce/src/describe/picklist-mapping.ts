import type { CrmEnum, CrmEnumValue } from '@crm-hub/plugin-sdk';
import type { SfField, SfPicklistValue } from './describe-types';

/**
 * The stable id of a field's enum: `<object>.<field>`.
 *
 * @example
 * ```ts
 * enumIdOf('Subscription__c', 'Tier__c'); // 'Subscription__c.Tier__c'
 * ```
 */
export function enumIdOf(object: string, field: string): string {
  return `${object}.${field}`;
}

/**
 * The controlling values a dependent value is valid for. `validFor` is a base64 bitmap: bit `i`
 * (most significant bit first in each byte) set means "valid when the controller has its `i`-th
 * value" — the controller's picklist values in describe order, or `false`/`true` for a checkbox.
 * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_describesobjects_describesobjectresult.htm
 *
 * @example
 * ```ts
 * decodeValidFor('wA==', ['Gold', 'Silver', 'Bronze']); // ['Gold', 'Silver'] (0b1100_0000)
 * ```
 */
export function decodeValidFor(validFor: string, controllerValues: readonly string[]): string[] {
  const bits = Buffer.from(validFor, 'base64');
  return controllerValues.filter((_, i) => ((bits[i >> 3] ?? 0) & (0x80 >> i % 8)) !== 0);
}

/** The values a controlling field can take, in the order `validFor` bitmaps index them. */
function controllerValues(controller: SfField | undefined): string[] | undefined {
  if (!controller) return undefined;
  if (controller.type === 'boolean') return ['false', 'true'];
  return (controller.picklistValues ?? []).map((v) => v.value);
}

function toValue(v: SfPicklistValue, order: number, controlling: string[] | undefined): CrmEnumValue {
  const value: CrmEnumValue = {
    value: v.value,
    label: v.label ?? v.value,
    active: v.active !== false,
    isDefault: v.defaultValue === true,
    order,
  };
  if (controlling && typeof v.validFor === 'string') value.validFor = decodeValidFor(v.validFor, controlling);
  return value;
}

/**
 * The enum of a picklist, multi-select picklist or combobox field: values with labels, active
 * and default flags and describe order; `restricted` from `restrictedPicklist`; for dependent
 * picklists the controlling field and, per value, the controlling values it is valid for
 * (`CrmEnumValue.validFor`, decoded from the describe's bitmap; absent on independent picklists).
 *
 * @example
 * ```ts
 * toCrmEnum('Subscription__c', field, controller);
 * // { id: 'Subscription__c.Billing__c', multiSelect: false, restricted: true, controllingField: 'Tier__c', values: [...] }
 * ```
 */
export function toCrmEnum(object: string, field: SfField, controller?: SfField): CrmEnum {
  const dependent = field.dependentPicklist === true && typeof field.controllerName === 'string';
  const controlling = dependent ? controllerValues(controller) : undefined;
  return {
    id: enumIdOf(object, field.name),
    label: field.label,
    global: false,
    multiSelect: field.type === 'multipicklist',
    restricted: field.restrictedPicklist === true,
    ...(dependent ? { controllingField: field.controllerName as string } : {}),
    values: (field.picklistValues ?? []).map((v, i) => toValue(v, i, controlling)),
  };
}
