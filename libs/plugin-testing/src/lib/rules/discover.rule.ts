import { isCanonicalType, type CrmCatalog, type CrmObject } from '@crm-hub/plugin-sdk';
import { fail } from '../conformance-error';
import { defineRule } from '../rule-session';
import { list } from '../sync-messages';

const INCREMENTAL = ['delta', 'cursor', 'none'];

/**
 * What is wrong with one described object and the enums of its catalog (empty when nothing).
 *
 * @example
 * ```ts
 * objectProblems(catalog.objects[0], catalog); // ["field 'Level' has the non-canonical type \"picklist\""]
 * ```
 */
export function objectProblems(object: CrmObject, catalog: CrmCatalog): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  for (const field of object.fields) {
    const where = `field '${String(field?.name)}'`;
    if (typeof field?.name !== 'string' || field.name === '') problems.push(`a field has the name ${JSON.stringify(field?.name)}`);
    else if (names.has(field.name)) problems.push(`${where} is listed twice`);
    else names.add(field.name);
    if (!isCanonicalType(field?.type)) problems.push(`${where} has the non-canonical type ${JSON.stringify(field?.type)}`);
    if (field.type === 'enum' || field.type === 'multi-enum') {
      const values = catalog.enums.find((e) => e?.id === field.enumId);
      if (field.enumId === undefined) problems.push(`${where} is ${field.type} but has no enumId`);
      else if (!values) problems.push(`${where} has enumId '${field.enumId}', which is not in the catalog's enums`);
      else if (!Array.isArray(values.values) || values.values.some((v) => typeof v?.value !== 'string' || typeof v?.label !== 'string')) {
        problems.push(`enum '${values.id}' has values that are not strings (value and label must be strings, Dataverse options included)`);
      } else if (field.type === 'multi-enum' && values.multiSelect !== true) {
        problems.push(`${where} is multi-enum but enum '${values.id}' is not multiSelect`);
      }
    } else if (field.enumId !== undefined && !catalog.enums.some((e) => e?.id === field.enumId)) {
      problems.push(`${where} has enumId '${field.enumId}', which is not in the catalog's enums`);
    }
    if (field.type === 'address' && (!Array.isArray(field.components) || field.components.length === 0)) {
      problems.push(`${where} is an address without components`);
    }
  }
  if (!names.has(object.idField)) problems.push(`idField '${object.idField}' is not among the fields`);
  if (object.incremental === 'cursor' && (object.cursorField === undefined || !names.has(object.cursorField))) {
    problems.push(`the object is incremental 'cursor' but its cursorField ${JSON.stringify(object.cursorField)} is not among the fields`);
  }
  return problems;
}

/**
 * Rule `discover`: the listing names the object; describing it gives fields of canonical types, an
 * id field (and cursor field for cursor objects) among them, enums that resolve to string values,
 * and address fields with components.
 *
 * @example
 * ```ts
 * await discoverRule.run(options);
 * ```
 */
export const discoverRule = defineRule(
  'discover',
  'lists the object and describes it with canonical field types, its id and cursor fields, enums and address components',
  async (session) => {
    const { object } = session.options;
    const { connector } = await session.open();
    const listing = await session.call('discover()', () => connector.discover());
    session.scanner.scan('the catalog', listing);
    if (!Array.isArray(listing?.objects) || !Array.isArray(listing?.enums)) fail('discover() did not answer { objects: [], enums: [] }');
    const listed = listing.objects.map((o) => o?.name);
    if (!listed.includes(object)) fail(`discover() does not list '${object}' (it lists ${list(listed.map(String))})`);

    const catalog = await session.call(`discover({ objects: ['${object}'] })`, () => connector.discover({ objects: [object] }));
    session.scanner.scan('the catalog', catalog);
    if (!Array.isArray(catalog?.objects) || !Array.isArray(catalog?.enums))
      fail('discover({ objects }) did not answer { objects: [], enums: [] }');
    const described = catalog.objects.find((o) => o?.name === object);
    if (!described) fail(`discover({ objects: ['${object}'] }) did not describe '${object}'`);
    if (!Array.isArray(described.fields) || described.fields.length === 0)
      fail(`discover({ objects: ['${object}'] }) gave '${object}' no fields`);
    if (!INCREMENTAL.includes(described.incremental)) {
      fail(`'${object}' has incremental ${JSON.stringify(described.incremental)}, not one of ${INCREMENTAL.join(', ')}`);
    }
    const enumIds = catalog.enums.map((e) => e?.id);
    const duplicated = enumIds.filter((id, i) => enumIds.indexOf(id) !== i);
    const problems = objectProblems(described, catalog);
    if (duplicated.length) problems.push(`enum ids are not unique: ${list(duplicated.map(String))}`);
    if (problems.length) fail(`discover() described '${object}' wrongly: ${problems.join('; ')}`);
  },
);
