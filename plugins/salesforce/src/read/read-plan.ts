import { assertValidFilter, type CanonicalType, type FilterOperator, type ReadRequest } from '@crm-hub/plugin-sdk';
import { assertApiName } from '../describe/describe-service';
import type { ObjectModel } from '../describe/object-model';
import { filterToSoql } from '../soql/filter-to-soql';
import { toCanonical } from '../values/read-values';

/** Salesforce's REST query batch sizes (`Sforce-Query-Options: batchSize`): 200 to 2,000. */
export const MIN_PAGE_SIZE = 200;
/** The default page size: Salesforce's maximum. */
export const MAX_PAGE_SIZE = 2_000;

/**
 * How one requested field is built from a row: directly, or (compound fields) as an object of
 * its components.
 *
 * @example
 * ```ts
 * const out: OutputField = { name: 'MailingAddress', type: 'address', components: [{ name: 'MailingCity', type: 'string' }] };
 * ```
 */
export interface OutputField {
  name: string;
  type: CanonicalType;
  /** The describe scale of decimal fields (values are written with it). */
  scale?: number;
  components?: OutputField[];
}

const DECIMAL_TYPES: readonly CanonicalType[] = ['decimal', 'currency', 'percent'];

/** How one (non-compound) field is output: its canonical type, and its scale when decimal. */
function outputOf(model: ObjectModel, name: string): OutputField {
  const type = model.typeOf(name);
  const scale = model.field(name).scale;
  return { name, type, ...(DECIMAL_TYPES.includes(type) && typeof scale === 'number' ? { scale } : {}) };
}

/**
 * What a read selects and how it turns rows into canonical records.
 *
 * @example
 * ```ts
 * const plan = planRead(model, { object: 'Contact', fields: ['MailingAddress'] }, operators);
 * plan.select; // ['Id', 'SystemModstamp', 'MailingStreet', 'MailingCity', …]
 * ```
 */
export interface ReadPlan {
  model: ObjectModel;
  object: string;
  cursorField: string | undefined;
  /** The SOQL select list: Id, the cursor, IsDeleted when deleted rows are read, then the fields (compounds by component). */
  select: string[];
  output: OutputField[];
  /** The pushed-down filter as a SOQL condition. */
  filter: string | undefined;
  deletes: 'include' | 'only' | 'exclude';
  /** `queryAll` when deleted rows (`IsDeleted = true`) are wanted. */
  endpoint: 'query' | 'queryAll';
  pageSize: number;
}

/**
 * Plans a read: checks the requested fields against the describe (`CrmNotFoundError` for an
 * unknown one), validates and translates the filter (`UnsupportedFilterError` naming the node),
 * expands compound fields into their components (Bulk cannot select compounds, and one form for
 * both paths gives identical records), and settles deletes: `include` by default for incremental
 * reads (a checkpoint is given) and `exclude` for full reads, whose purpose is the live data.
 *
 * @example
 * ```ts
 * planRead(model, { object: 'Contact', fields: ['LastName'], checkpoint }, ['eq', 'in']).endpoint; // 'queryAll'
 * ```
 */
export function planRead(model: ObjectModel, req: ReadRequest, operators: readonly FilterOperator[]): ReadPlan {
  const cursorField = model.cursorField;
  const deletes = req.deletes ?? (req.checkpoint ? 'include' : 'exclude');
  const withDeleted = deletes !== 'exclude' && model.hasIsDeleted;
  const requested = [...new Set(['Id', ...(cursorField ? [cursorField] : []), ...(req.fields ?? [])])];
  const select = ['Id', ...(cursorField ? [cursorField] : []), ...(withDeleted ? ['IsDeleted'] : [])];
  const output: OutputField[] = requested.map((name) => {
    assertApiName(name, 'field');
    if (!model.isCompound(name)) {
      select.push(name);
      return outputOf(model, name);
    }
    const type = model.typeOf(name);
    const components = model.components(name).map((c) => outputOf(model, c));
    select.push(...components.map((c) => c.name));
    return { name, type, components };
  });
  let filter: string | undefined;
  if (req.filter !== undefined) {
    assertValidFilter(req.filter, { operators });
    filter = filterToSoql(req.filter, model);
  }
  if (deletes === 'only' && !model.hasIsDeleted) {
    filter = '(Id = null)'; // no recycle bin on this object: nothing is ever soft-deleted
  }
  const size = req.pageSize ?? MAX_PAGE_SIZE;
  return {
    model,
    object: model.name,
    cursorField,
    select: [...new Set(select)],
    output,
    filter,
    deletes,
    endpoint: withDeleted ? 'queryAll' : 'query',
    pageSize: Math.min(MAX_PAGE_SIZE, Math.max(MIN_PAGE_SIZE, Math.floor(size))),
  };
}

/**
 * A row (REST JSON or Bulk CSV) as canonical record data: requested fields only; compound fields
 * as objects of their components (`null` when every component is empty).
 *
 * @example
 * ```ts
 * rowToData({ Id: '003…', MailingCity: 'Oslo', MailingStreet: null }, plan);
 * // { Id: '003…', MailingAddress: { MailingStreet: null, MailingCity: 'Oslo' } }
 * ```
 */
export function rowToData(row: Record<string, unknown>, plan: ReadPlan): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const out of plan.output) {
    if (!out.components) {
      data[out.name] = toCanonical(out.type, row[out.name], out.scale);
      continue;
    }
    const parts = Object.fromEntries(out.components.map((c) => [c.name, toCanonical(c.type, row[c.name], c.scale)]));
    data[out.name] = Object.values(parts).every((v) => v === null) ? null : parts;
  }
  return data;
}
