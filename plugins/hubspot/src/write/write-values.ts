import { formatMultiEnum, toDecimalString, toIsoDate, toIsoDateTime, type CrmField } from '@crm-hub/plugin-sdk';

/**
 * A canonical value as the text HubSpot's write endpoints take: multi-selects `;`-joined,
 * booleans `true`/`false`, dates `YYYY-MM-DD`, date-times ISO 8601, decimals exactly; `null`
 * becomes `''`, which is how HubSpot clears a property. Fields the plugin does not know are
 * sent as text (HubSpot names unknown properties in its answer).
 *
 * @example
 * ```ts
 * toHubSpot(featuresField, ['api', 'sso']); // 'api;sso'
 * ```
 */
export function toHubSpot(field: CrmField | undefined, value: unknown): string {
  if (value === null || value === undefined) return '';
  switch (field?.type) {
    case 'multi-enum':
      return Array.isArray(value) ? formatMultiEnum(value.map(String), ';') : String(value);
    case 'boolean':
      return value === true || value === 'true' ? 'true' : 'false';
    case 'date':
      return toIsoDate(value as string);
    case 'datetime':
      return toIsoDateTime(value as string);
    case 'decimal':
    case 'currency':
    case 'percent':
      return typeof value === 'number' || typeof value === 'string' ? toDecimalString(value) : String(value);
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

/**
 * The `properties` of a write: every field of `data` but the id, converted with {@link toHubSpot}.
 *
 * @example
 * ```ts
 * propertiesOf(fields, { name: 'Acme', features: ['api'] }); // { name: 'Acme', features: 'api' }
 * ```
 */
export function propertiesOf(fields: ReadonlyMap<string, CrmField>, data: Record<string, unknown> | undefined, skip: readonly string[] = []): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const [name, value] of Object.entries(data ?? {})) {
    if (name === 'hs_object_id' || skip.includes(name)) continue;
    properties[name] = toHubSpot(fields.get(name), value);
  }
  return properties;
}
