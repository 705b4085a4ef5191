import { attribute, booleanSet, optionSet } from './attribute-builders';
import type { AttributeDef, AttributeKind, OptionDef, OptionSetDef } from './metadata-types';
import type { ColumnDetails, ReferenceChoices, ReferenceColumn } from './reference-columns';

/** What a table built from reference data holds: its columns and the local option sets they use. */
export interface ReferenceTable {
  attributes: AttributeDef[];
  /** Keyed `<table>.<column>`. */
  optionSets: Record<string, OptionSetDef>;
}

/** The choices a table's State and Status columns take, with their default status and state. */
export interface StateModel {
  states: OptionDef[];
  statuses: OptionDef[];
}

const CHOICE_KINDS = new Set<AttributeKind>(['Picklist', 'MultiSelectPicklist', 'Boolean', 'State', 'Status']);

/**
 * Builds a table's columns from reference data: each column as the reference describes it, and,
 * for every choice and Yes/No column, the `<column>name` virtual companion the platform adds
 * (AttributeTypeName `VirtualType`, not valid for read: the label comes as the column's
 * FormattedValue annotation). `writable` says which list of the reference a column comes from
 * (read-only columns are valid neither for create nor for update).
 *
 * @example
 * ```ts
 * const { attributes, optionSets } = referenceTable('account', [{ columns: ACCOUNT_WRITABLE_COLUMNS, writable: true }], ACCOUNT_CHOICES, states);
 * ```
 */
export function referenceTable(
  table: string,
  lists: { columns: readonly ReferenceColumn[]; writable: boolean }[],
  choices: ReferenceChoices,
  stateModel: StateModel,
): ReferenceTable {
  const attributes: AttributeDef[] = [];
  const optionSets: Record<string, OptionSetDef> = {};
  for (const { columns, writable } of lists) {
    for (const [schemaName, type, displayName, details = {}] of columns) {
      const def = column(table, schemaName, type, displayName, details, writable);
      attributes.push(def);
      if (!CHOICE_KINDS.has(def.kind)) continue;
      if (!def.optionSet) {
        def.optionSet = `${table}.${def.logicalName}`;
        optionSets[def.optionSet] = localSet(table, def, choices[def.logicalName], stateModel);
      }
      attributes.push(virtualName(table, def));
    }
  }
  return { attributes, optionSets };
}

function column(table: string, schemaName: string, type: AttributeKind, displayName: string, d: ColumnDetails, writable: boolean): AttributeDef {
  const logicalName = schemaName.toLowerCase();
  const def = attribute(table, logicalName, type, displayName, {
    schemaName,
    isCustom: d.custom === true,
    requiredLevel: d.required ?? 'None',
    validForCreate: writable && d.create !== false,
    validForUpdate: writable && d.update !== false,
    ...(d.read === false ? { validForRead: false } : {}),
    ...(d.notOData ? { validForOData: false } : {}),
    ...(d.of ? { attributeOf: d.of } : {}),
    ...(d.primaryId ? { isPrimaryId: true } : {}),
    ...(d.primaryName ? { isPrimaryName: true } : {}),
    ...(d.primaryImage ? { isPrimaryImage: true } : {}),
    ...(d.max !== undefined ? { maxLength: d.max } : {}),
    ...(d.format ? { format: d.format } : {}),
    ...(d.min !== undefined ? { minValue: d.min } : {}),
    ...(d.maxValue !== undefined ? { maxValue: d.maxValue } : {}),
    ...(d.precision !== undefined ? { precision: d.precision } : {}),
    ...(d.precisionSource !== undefined ? { precisionSource: d.precisionSource } : {}),
    ...(d.sourceType ? { sourceType: d.sourceType } : {}),
    ...(d.integerFormat ? { integerFormat: d.integerFormat } : {}),
    ...(d.defaultValue !== undefined ? { booleanDefault: d.defaultValue } : {}),
    ...(d.optionSet ? { optionSet: d.optionSet } : {}),
  });
  if (type === 'DateTime') {
    def.dateBehavior = d.behavior ?? 'UserLocal';
    if (d.dateFormat) def.dateFormat = d.dateFormat;
  }
  if (d.targets) {
    const targets = Object.entries(d.targets);
    // Every lookup navigates by its own logical name (ownerid too: one navigation property to the abstract owner).
    def.navigation = Object.fromEntries(targets.map(([target]) => [target, targets.length === 1 ? logicalName : `${logicalName}_${target}`]));
    def.relationships = Object.fromEntries(targets);
    if (type === 'Lookup' && targets.length > 1) def.kind = 'Customer';
    if (type === 'Owner') def.targets = ['systemuser', 'team'];
  }
  return def;
}

function localSet(table: string, def: AttributeDef, choices: ReferenceChoices[string] | undefined, stateModel: StateModel): OptionSetDef {
  const name = `${table}_${def.logicalName}`;
  if (def.kind === 'State') return optionSet(name, 'State', def.displayName, stateModel.states);
  if (def.kind === 'Status') return optionSet(name, 'Status', def.displayName, stateModel.statuses);
  if (def.kind === 'Boolean') {
    const [yes, no] = (choices as readonly [string, string] | undefined) ?? ['Yes', 'No'];
    return booleanSet(table, def.logicalName, def.displayName, yes, no);
  }
  const options = ((choices ?? []) as readonly (readonly [number, string])[]).map(([value, label]) => ({ value, label }));
  return optionSet(name, 'Picklist', def.displayName, options);
}

/** `<choice>name`: the platform's virtual column holding a choice's label (not readable as a column). */
function virtualName(table: string, choice: AttributeDef): AttributeDef {
  return attribute(table, `${choice.logicalName}name`, 'Virtual', '', {
    schemaName: `${choice.schemaName}Name`,
    isCustom: choice.isCustom,
    validForCreate: false,
    validForUpdate: false,
    validForRead: false,
    validForOData: false,
    attributeOf: choice.logicalName,
  });
}
