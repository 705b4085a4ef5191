import type { CrmEnum } from '@crm-hub/plugin-sdk';
import { labelOf } from './table-info';

/**
 * The option set of a typed attribute row (`…Metadata?$expand=OptionSet,GlobalOptionSet`), as a
 * {@link CrmEnum}. A global option set gets the id `global:<Name>` and is shared by every column
 * using it; a local one gets `<table>.<column>`. Values are the option integers as strings
 * (publisher-prefixed values such as `727000000` included). Options marked `IsHidden` are
 * inactive. Dataverse refuses values outside the set, so every set is `restricted`. A status
 * reason set is controlled by `statecode`.
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
    values: options.map((option, order) => {
      const value = String(option['Value']);
      return {
        value,
        label: labelOf(option['Label']) ?? value,
        active: option['IsHidden'] !== true,
        isDefault: defaultValue !== undefined && option['Value'] === defaultValue,
        order,
      };
    }),
  };
}
