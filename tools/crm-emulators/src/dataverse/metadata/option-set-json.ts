import { stableGuid, type OptionDef, type OptionSetDef } from './metadata-types';

/** A Label complex type with one en-US (1033) localized label. */
export function labelJson(text: string, seed: string): Record<string, unknown> {
  const label = { Label: text, LanguageCode: 1033, IsManaged: true, MetadataId: stableGuid(`label:${seed}`), HasChanged: null };
  return { LocalizedLabels: [label], UserLocalizedLabel: label };
}

export const EMPTY_LABEL = { LocalizedLabels: [], UserLocalizedLabel: null };

function optionJson(set: OptionSetDef, option: OptionDef): Record<string, unknown> {
  const json: Record<string, unknown> = {
    Value: option.value,
    Color: null,
    IsManaged: !set.global,
    ExternalValue: null,
    ParentValues: [],
    Tag: null,
    IsHidden: false,
    MetadataId: null,
    HasChanged: null,
    Label: labelJson(option.label, `${set.name}.${option.value}`),
    Description: EMPTY_LABEL,
  };
  if (set.type === 'State') {
    return { '@odata.type': '#Microsoft.Dynamics.CRM.StateOptionMetadata', ...json, DefaultStatus: option.defaultStatus ?? null, InvariantName: option.invariantName ?? option.label };
  }
  if (set.type === 'Status') {
    return { '@odata.type': '#Microsoft.Dynamics.CRM.StatusOptionMetadata', ...json, State: option.state ?? null, TransitionData: null };
  }
  return json;
}

/**
 * OptionSetMetadata (or BooleanOptionSetMetadata with TrueOption/FalseOption), as the OptionSet /
 * GlobalOptionSet navigation properties and GlobalOptionSetDefinitions return it
 * (query-metadata-web-api.md, "Retrieving attributes").
 */
export function optionSetJson(set: OptionSetDef, withType = false): Record<string, unknown> {
  const common: Record<string, unknown> = {
    MetadataId: set.metadataId,
    HasChanged: null,
    IsCustomOptionSet: set.global || set.name.startsWith('new_'),
    IsGlobal: set.global,
    IsManaged: !set.global,
    Name: set.name,
    ExternalTypeName: null,
    OptionSetType: set.type,
    IntroducedVersion: '1.0',
    Description: EMPTY_LABEL,
    DisplayName: labelJson(set.displayName, `${set.name}.display`),
    IsCustomizable: { Value: true, CanBeChanged: true, ManagedPropertyLogicalName: 'iscustomizable' },
  };
  if (set.type === 'Boolean') {
    const trueOption = set.options.find((o) => o.value === 1) ?? { value: 1, label: 'Yes' };
    const falseOption = set.options.find((o) => o.value === 0) ?? { value: 0, label: 'No' };
    return {
      ...(withType ? { '@odata.type': '#Microsoft.Dynamics.CRM.BooleanOptionSetMetadata' } : {}),
      ...common,
      TrueOption: optionJson(set, trueOption),
      FalseOption: optionJson(set, falseOption),
    };
  }
  return {
    ...(withType ? { '@odata.type': '#Microsoft.Dynamics.CRM.OptionSetMetadata' } : {}),
    ...common,
    Options: set.options.map((o) => optionJson(set, o)),
  };
}
