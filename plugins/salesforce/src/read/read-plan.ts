import { assertValidFilter, type CanonicalType, type FilterOperator, type ReadRequest } from '@crm-hub/plugin-sdk';
import { assertApiName } from '../describe/describe-service';
import type { ObjectModel } from '../describe/object-model';
import { filterToSoql } from '../soql/filter-to-soql';
import { toCanonical } from '../values/read-values';
import type { ReferenceNamer } from '../values/reference-names';

/** Salesforce's REST query batch sizes (`Sforce-Query-Options: batchSize`): 200 to 2,000. */
export const MIN_PAGE_SIZE = 200;
/** The default page size: Salesforce's maximum. */
export const MAX_PAGE_SIZE = 2_000;
/**
 * Records per Bulk API 2.0 query result page (`maxRecords`) without a `pageSize` hint.
 * Salesforce has no fixed maximum (it sizes pages to the data when `maxRecords` is left out),
 * but a page is held in memory as CSV, rows and messages — twice while the consumer works on one
 * and the paced stream fetches the next — and the hub runs plugins in workers with a memory
 * limit (512 MB by default): 10,000 wide records stay well within it. A page is also what a
 * resumed Bulk read may emit twice.
 */
export const BULK_PAGE_SIZE = 10_000;
/** The largest `pageSize` hint taken for Bulk result pages. */
export const MAX_BULK_PAGE_SIZE = 50_000;

/** A `pageSize` hint clamped to `[min, max]`; no hint (or not a positive number): `fallback`. */
function clampHint(hint: number | undefined, min: number, max: number, fallback = max): number {
  if (hint === undefined || !Number.isFinite(hint) || hint <= 0) return fallback;
  return Math.min(max, Math.max(min, Math.floor(hint)));
}

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
  /** A reference with several targets: values are emitted as `"<Target>:<id>"`. */
  polymorphic?: boolean;
  components?: OutputField[];
}

const DECIMAL_TYPES: readonly CanonicalType[] = ['decimal', 'currency', 'percent'];

/** How one (non-compound) field is output: its canonical type, its scale when decimal, whether polymorphic. */
function outputOf(model: ObjectModel, name: string): OutputField {
  const type = model.typeOf(name);
  const scale = model.field(name).scale;
  return {
    name,
    type,
    ...(DECIMAL_TYPES.includes(type) && typeof scale === 'number' ? { scale } : {}),
    ...(model.isPolymorphic(name) ? { polymorphic: true } : {}),
  };
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
  /** REST records per page (`Sforce-Query-Options: batchSize`): the hint clamped to 200–2,000. */
  pageSize: number;
  /** Bulk API 2.0 records per result page (`maxRecords`): the hint clamped to 200–{@link MAX_BULK_PAGE_SIZE}, default {@link BULK_PAGE_SIZE}. */
  bulkPageSize: number;
  /** Whether a selected field is a polymorphic reference (its values need describeGlobal's key prefixes). */
  polymorphic: boolean;
}

/**
 * Plans a read: checks the requested fields against the describe (`CrmNotFoundError` for an
 * unknown one), validates and translates the filter (`UnsupportedFilterError` naming the node),
 * expands compound fields into their components (Bulk cannot select compounds, and one form for
 * both paths gives identical records), and settles deletes: `include` unless asked otherwise (the
 * SDK's default), full reads included — soft-deleted rows still in the recycle bin come as
 * `delete` messages, read with `queryAll`. An object without `IsDeleted` (no recycle bin, see
 * `ObjectModel.deletesMode`) is read with `query` and emits no deletes.
 *
 * @example
 * ```ts
 * planRead(model, { object: 'Contact', fields: ['LastName'], checkpoint }, ['eq', 'in']).endpoint; // 'queryAll'
 * planRead(model, { object: 'Contact', fields: [], deletes: 'exclude' }, []).endpoint;              // 'query'
 * ```
 */
export function planRead(model: ObjectModel, req: ReadRequest, operators: readonly FilterOperator[]): ReadPlan {
  const cursorField = model.cursorField;
  const deletes = req.deletes ?? 'include';
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
  return {
    model,
    object: model.name,
    cursorField,
    select: [...new Set(select)],
    output,
    filter,
    deletes,
    endpoint: withDeleted ? 'queryAll' : 'query',
    pageSize: clampHint(req.pageSize, MIN_PAGE_SIZE, MAX_PAGE_SIZE),
    bulkPageSize: clampHint(req.pageSize, MIN_PAGE_SIZE, MAX_BULK_PAGE_SIZE, BULK_PAGE_SIZE),
    polymorphic: output.some((o) => o.polymorphic === true),
  };
}

/**
 * A row (REST JSON or Bulk CSV) as canonical record data: requested fields only; compound fields
 * as objects of their components (`null` when every component is empty); polymorphic references
 * as `"<Target>:<id>"` (named by `references`; bare ids without it).
 *
 * @example
 * ```ts
 * rowToData({ Id: '003…', MailingCity: 'Oslo', MailingStreet: null }, plan);
 * // { Id: '003…', MailingAddress: { MailingStreet: null, MailingCity: 'Oslo' } }
 * ```
 */
export function rowToData(row: Record<string, unknown>, plan: ReadPlan, references?: ReferenceNamer): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const out of plan.output) {
    if (!out.components) {
      const value = toCanonical(out.type, row[out.name], out.scale);
      data[out.name] = out.polymorphic && references && typeof value === 'string' ? references.name(out.name, value) : value;
      continue;
    }
    const parts = Object.fromEntries(out.components.map((c) => [c.name, toCanonical(c.type, row[c.name], c.scale)]));
    data[out.name] = Object.values(parts).every((v) => v === null) ? null : parts;
  }
  return data;
}
