import type { CrmEnum, CrmEnumValue } from '@crm-hub/plugin-sdk';
import { labelOf } from './table-info';

/** What a status reason set needs from its table's state set: each state's default status. */
export interface StateDefaults {
  /** `StateOptionMetadata.DefaultStatus` of every state. */
  defaultStatuses: ReadonlySet<number>;
}

/**
 * The option set of a typed attribute row (`…Metadata?$expand=OptionSet,GlobalOptionSet`), as a
 * {@link CrmEnum}. A global option set gets the id `global:<Name>` and is shared by every column
 * using it; a local one gets `<table>.<column>`. Values are the option integers as strings
 * (publisher-prefixed values such as `727000000` included). Options marked `IsHidden` are
 * inactive. Dataverse refuses values outside the set, so every set is `restricted`.
 *
 * A status reason set is controlled by `statecode`: each value is `validFor` the state it belongs
 * to (`StatusOptionMetadata.State`), and is the default under that state when it is the state's
 * `DefaultStatus` (`isDefault`: one per state). A state set's default is its `DefaultFormValue`.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/statusoptionmetadata
 *
 * @example
 * ```ts
 * const e = toCrmEnum('contact', { LogicalName: 'preferredcontactmethodcode', OptionSet: { IsGlobal: false, Options: [...] } }, 'picklist');
 * e?.id; // 'contact.preferredcontactmethodcode'
 * ```
 */
export function toCrmEnum(
  table: string,
  row: Record<string, unknown>,
  kind: 'picklist' | 'multi' | 'state' | 'status',
  fieldLabel?: string,
  states?: StateDefaults,
): CrmEnum | undefined {
  const attribute = String(row['LogicalName']);
  const set = (row['OptionSet'] ?? row['GlobalOptionSet']) as Record<string, unknown> | null | undefined;
  if (!set || !Array.isArray(set['Options'])) return undefined;
  const global = set['IsGlobal'] === true && typeof set['Name'] === 'string';
  const defaultValue = typeof row['DefaultFormValue'] === 'number' ? row['DefaultFormValue'] : undefined;
  const options = set['Options'] as Record<string, unknown>[];
  return {
    id: global ? `global:${String(set['Name'])}` : `${table}.${attribute}`,
    label: labelOf(set['DisplayName']) ?? fieldLabel ?? (global ? String(set['Name']) : attribute),
    global,
    multiSelect: kind === 'multi',
    restricted: true,
    ...(kind === 'status' ? { controllingField: 'statecode' } : {}),
    values: options.map((option, order): CrmEnumValue => {
      const value = String(option['Value']);
      const state = option['State'];
      const isDefault = kind === 'status' ? states?.defaultStatuses.has(option['Value'] as number) === true : defaultValue !== undefined && option['Value'] === defaultValue;
      return {
        value,
        label: labelOf(option['Label']) ?? value,
        active: option['IsHidden'] !== true,
        isDefault,
        order,
        ...(kind === 'status' && typeof state === 'number' ? { validFor: [String(state)] } : {}),
      };
    }),
  };
}

/**
 * The default statuses of a state set row (`StateAttributeMetadata?$expand=OptionSet`).
 *
 * @example
 * ```ts
 * stateDefaults(stateRow).defaultStatuses.has(1); // true: Active's default status
 * ```
 */
export function stateDefaults(row: Record<string, unknown> | undefined): StateDefaults {
  const options = ((row?.['OptionSet'] as { Options?: unknown } | null | undefined)?.Options ?? []) as Record<string, unknown>[];
  return { defaultStatuses: new Set(options.map((o) => o['DefaultStatus']).filter((v): v is number => typeof v === 'number')) };
}

/**
 * A Yes/No column's two labels (`BooleanAttributeMetadata?$expand=OptionSet`: `TrueOption`,
 * `FalseOption`) as a {@link CrmEnum} with the values `'true'` and `'false'` (how the column's
 * boolean values read as text), the default being its `DefaultValue`.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/booleanoptionsetmetadata
 *
 * @example
 * ```ts
 * toBooleanEnum('account', followEmailRow)?.values.map((v) => v.label); // ['Allow', 'Do Not Allow']
 * ```
 */
export function toBooleanEnum(table: string, row: Record<string, unknown>, fieldLabel?: string): CrmEnum | undefined {
  const set = row['OptionSet'] as { TrueOption?: { Label?: unknown }; FalseOption?: { Label?: unknown }; DisplayName?: unknown } | null | undefined;
  if (!set?.TrueOption || !set.FalseOption) return undefined;
  const attribute = String(row['LogicalName']);
  const defaultValue = row['DefaultValue'];
  const value = (flag: boolean, label: unknown, order: number): CrmEnumValue => ({
    value: String(flag),
    label: labelOf(label) ?? (flag ? 'Yes' : 'No'),
    active: true,
    isDefault: defaultValue === flag,
    order,
  });
  return {
    id: `${table}.${attribute}`,
    label: labelOf(set.DisplayName) ?? fieldLabel ?? attribute,
    global: false,
    multiSelect: false,
    restricted: true,
    values: [value(true, set.TrueOption.Label, 0), value(false, set.FalseOption.Label, 1)],
  };
}
