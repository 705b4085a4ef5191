import { attribute } from './attribute-builders';
import type { AttributeDef, AttributeKind, DateTimeBehavior, OptionDef, RequiredLevel, TextFormat } from './metadata-types';

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
  ImageAttributeMetadata: 'Image',
  FileAttributeMetadata: 'File',
  ManagedPropertyAttributeMetadata: 'ManagedProperty',
};

/** AttributeType values (and AttributeTypeName values of virtual columns) the emulator models. */
const TYPE_KINDS: Record<string, AttributeKind> = {
  ...Object.fromEntries(Object.values(CAST_KINDS).map((k) => [k, k])),
  ImageType: 'Image',
  FileType: 'File',
  MultiSelectPicklistType: 'MultiSelectPicklist',
  ManagedProperty: 'ManagedProperty',
  PartyList: 'PartyList',
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
  const type = String(metadata['AttributeType'] ?? '');
  const typeName = managedValue<string>(metadata['AttributeTypeName']);
  // PartyList columns are LookupAttributeMetadata whose AttributeType says PartyList.
  const byType = TYPE_KINDS[type] ?? (typeName ? TYPE_KINDS[typeName] : undefined);
  if (byType && (cast === '' || byType === 'PartyList' || CAST_KINDS[cast] === byType)) return byType;
  if (CAST_KINDS[cast]) return CAST_KINDS[cast];
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
    def.format = managedValue<TextFormat>(metadata['FormatName']) ?? (kind === 'Memo' ? 'TextArea' : 'Text');
  }
  readComputation(def, metadata);
  if (kind === 'PartyList') def.targets = ((metadata['Targets'] as string[] | undefined) ?? []).map(String);
  for (const [key, prop] of [['minValue', 'MinValue'], ['maxValue', 'MaxValue'], ['precision', 'Precision']] as const) {
    if (typeof metadata[prop] === 'number') def[key] = metadata[prop] as number;
  }
  const source = metadata['PrecisionSource'];
  if (kind === 'Money' && (source === 0 || source === 1 || source === 2)) def.precisionSource = source;
  if (kind === 'DateTime') def.dateBehavior = managedValue<DateTimeBehavior>(metadata['DateTimeBehavior']) ?? 'UserLocal';
  if (kind === 'Lookup') readTargets(def, table, metadata);
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

/**
 * A lookup's targets: one (navigation property `NavigationPropertyName` or the schema name), or
 * several — a multi-table ("polymorphic") lookup, as CreatePolymorphicLookupAttribute makes them
 * (multitable-lookup.md) — with one navigation property and relationship per target table
 * (`<SchemaName>_<target>` unless `NavigationProperties` names them).
 */
function readTargets(def: AttributeDef, table: string, metadata: Record<string, unknown>): void {
  const targets = ((metadata['Targets'] as string[] | undefined) ?? []).map(String);
  if (targets.length === 0) throw new Error('A lookup needs at least one entry in Targets');
  const named = (metadata['NavigationProperties'] ?? {}) as Record<string, string>;
  const single = targets.length === 1;
  def.navigation = Object.fromEntries(
    targets.map((t) => [t, named[t] ?? (single ? String(metadata['NavigationPropertyName'] ?? def.schemaName) : `${def.schemaName}_${t}`)]),
  );
  def.relationships = Object.fromEntries(
    targets.map((t) => [t, single ? String(metadata['RelationshipSchemaName'] ?? `${t}_${table}_${def.schemaName}`) : `${def.schemaName}_${t}_${table}`]),
  );
}

/**
 * Calculated and roll-up columns (`SourceType` 1 and 2, defined by a `FormulaDefinition`) and
 * auto-number columns (`AutoNumberFormat`). The platform computes the first two, so they cannot be
 * written; `IsValidForCreate`/`IsValidForUpdate` given explicitly are honoured too.
 */
function readComputation(def: AttributeDef, metadata: Record<string, unknown>): void {
  const sourceType = metadata['SourceType'];
  if (sourceType === 1 || sourceType === 2) {
    def.sourceType = sourceType;
    def.validForCreate = false;
    def.validForUpdate = false;
  }
  if (typeof metadata['AutoNumberFormat'] === 'string' && metadata['AutoNumberFormat'] !== '') def.autoNumberFormat = metadata['AutoNumberFormat'];
  if (typeof metadata['IsValidForCreate'] === 'boolean') def.validForCreate = metadata['IsValidForCreate'];
  if (typeof metadata['IsValidForUpdate'] === 'boolean') def.validForUpdate = metadata['IsValidForUpdate'];
  if (def.kind === 'ManagedProperty' || def.kind === 'PartyList') def.isCustom = false;
}
