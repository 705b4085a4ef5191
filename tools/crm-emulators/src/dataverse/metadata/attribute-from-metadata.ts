import { attribute } from './attribute-builders';
import type { AttributeDef, AttributeKind, DateTimeBehavior, OptionDef, RequiredLevel } from './metadata-types';

/**
 * Reads AttributeMetadata-like JSON, as an admin would POST it to
 * `EntityDefinitions(LogicalName='x')/Attributes` (create-update-column-definitions-using-web-api.md),
 * into the emulator's model. Accepts `AttributeType` or the `@odata.type` cast, labels as Label objects
 * or plain strings, and a local `OptionSet` or a `GlobalOptionSet` name.
 */
const CAST_KINDS: Record<string, AttributeKind> = {
  StringAttributeMetadata: 'String',
  MemoAttributeMetadata: 'Memo',
  IntegerAttributeMetadata: 'Integer',
  BigIntAttributeMetadata: 'BigInt',
  DecimalAttributeMetadata: 'Decimal',
  DoubleAttributeMetadata: 'Double',
  MoneyAttributeMetadata: 'Money',
  BooleanAttributeMetadata: 'Boolean',
  DateTimeAttributeMetadata: 'DateTime',
  LookupAttributeMetadata: 'Lookup',
  PicklistAttributeMetadata: 'Picklist',
  MultiSelectPicklistAttributeMetadata: 'MultiSelectPicklist',
};

export function labelText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const label = value as { UserLocalizedLabel?: { Label?: string }; LocalizedLabels?: { Label?: string }[] };
    return label.UserLocalizedLabel?.Label ?? label.LocalizedLabels?.[0]?.Label;
  }
  return undefined;
}

function kindOf(metadata: Record<string, unknown>): AttributeKind {
  const cast = String(metadata['@odata.type'] ?? '').replace(/^#?Microsoft\.Dynamics\.CRM\./, '');
  if (CAST_KINDS[cast]) return CAST_KINDS[cast];
  const type = String(metadata['AttributeType'] ?? '');
  const byType = Object.values(CAST_KINDS).find((k) => k === type);
  if (byType) return byType;
  throw new Error(`Cannot tell the attribute type of ${JSON.stringify(metadata)} (give AttributeType or @odata.type)`);
}

function managedValue<T extends string>(value: unknown): T | undefined {
  if (typeof value === 'string') return value as T;
  if (value && typeof value === 'object' && 'Value' in value) return (value as { Value: T }).Value;
  return undefined;
}

function options(value: unknown): OptionDef[] | undefined {
  const set = value as { Options?: { Value: number; Label: unknown }[]; TrueOption?: { Value: number; Label: unknown }; FalseOption?: { Value: number; Label: unknown } } | undefined;
  if (!set) return undefined;
  if (set.Options) return set.Options.map((o) => ({ value: Number(o.Value), label: labelText(o.Label) ?? String(o.Value) }));
  if (set.TrueOption && set.FalseOption) {
    return [
      { value: 1, label: labelText(set.TrueOption.Label) ?? 'Yes' },
      { value: 0, label: labelText(set.FalseOption.Label) ?? 'No' },
    ];
  }
  return undefined;
}

export function attributeFromMetadata(table: string, metadata: Record<string, unknown>): { attribute: AttributeDef; localOptions?: OptionDef[] } {
  const logicalName = String(metadata['LogicalName'] ?? String(metadata['SchemaName'] ?? '').toLowerCase());
  if (!/^[a-z][a-z0-9_]*$/.test(logicalName)) throw new Error(`Invalid attribute LogicalName '${logicalName}'`);
  const kind = kindOf(metadata);
  const displayName = labelText(metadata['DisplayName']) ?? logicalName;
  const def = attribute(table, logicalName, kind, displayName, {
    requiredLevel: managedValue<RequiredLevel>(metadata['RequiredLevel']) ?? 'None',
    isCustom: true,
  });
  if (typeof metadata['SchemaName'] === 'string') def.schemaName = metadata['SchemaName'];
  if (kind === 'String' || kind === 'Memo') {
    def.maxLength = Number(metadata['MaxLength'] ?? (kind === 'Memo' ? 2000 : 100));
    def.format = kind === 'Memo' ? 'TextArea' : (managedValue(metadata['FormatName']) as AttributeDef['format']) ?? 'Text';
  }
  for (const [key, prop] of [['minValue', 'MinValue'], ['maxValue', 'MaxValue'], ['precision', 'Precision']] as const) {
    if (typeof metadata[prop] === 'number') def[key] = metadata[prop] as number;
  }
  if (kind === 'DateTime') def.dateBehavior = managedValue<DateTimeBehavior>(metadata['DateTimeBehavior']) ?? 'UserLocal';
  if (kind === 'Lookup') {
    const targets = (metadata['Targets'] as string[] | undefined) ?? [];
    if (targets.length !== 1) throw new Error('A lookup needs exactly one entry in Targets');
    const target = targets[0] as string;
    def.navigation = { [target]: String(metadata['NavigationPropertyName'] ?? def.schemaName) };
    def.relationships = { [target]: String(metadata['RelationshipSchemaName'] ?? `${target}_${table}_${def.schemaName}`) };
  }
  if (kind === 'Picklist' || kind === 'MultiSelectPicklist' || kind === 'Boolean') {
    const global = metadata['GlobalOptionSetName'] ?? (metadata['GlobalOptionSet'] as { Name?: string } | undefined)?.Name;
    if (typeof global === 'string') {
      def.optionSet = `global:${global}`;
      return { attribute: def };
    }
    const local = options(metadata['OptionSet']) ?? (kind === 'Boolean' ? [{ value: 1, label: 'Yes' }, { value: 0, label: 'No' }] : undefined);
    if (!local) throw new Error(`Choice attribute '${logicalName}' needs an OptionSet or a GlobalOptionSetName`);
    return { attribute: def, localOptions: local };
  }
  return { attribute: def };
}
