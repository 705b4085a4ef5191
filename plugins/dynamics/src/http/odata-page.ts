import { parseJsonLossless } from '@crm-hub/plugin-sdk';
import { DataverseRequestError } from '../errors';
import { findRowSpans, type RowSpans } from './row-spans';

type Row = Record<string, unknown>;

const UTF8 = new TextDecoder();

/**
 * Rows decoded and parsed at a time: their text (and its copy with exact decimals quoted) stays
 * well under V8's large-object size (128 KB), so it is allocated young and dies young, instead of
 * counting towards the next major collection as a page-sized string does (one per page).
 */
const ROWS_PER_PARSE = 100;

/**
 * One page of an entity-set query, with the links exactly as the server gave them. Its rows stay
 * as the bytes received until asked for, then are decoded and parsed (losslessly, like every Web
 * API answer) a part at a time: a 5,000-row page never has all its records, nor its whole text,
 * in the worker's heap at once; both cost a major collection per page there.
 *
 * @example
 * ```ts
 * const page = ODataPage.fromBytes(res.bytes, res.headers);
 * for (let from = 0; from < page.rowCount; from += 500) handle(page.rowsIn(from, from + 500));
 * ```
 */
export class ODataPage {
  readonly nextLink?: string;
  readonly deltaLink?: string;
  readonly rowCount: number;
  private parsed: Row[] | undefined;

  private constructor(
    envelope: unknown,
    private readonly bytes: Uint8Array,
    private readonly spans: RowSpans | undefined,
    readonly headers: Headers,
  ) {
    // An answer that is not an object (`null`, a number…) has no value array either.
    const body = envelope !== null && typeof envelope === 'object' ? (envelope as Row) : {};
    const { '@odata.nextLink': nextLink, '@odata.deltaLink': deltaLink, value } = body;
    if (!Array.isArray(value)) throw new DataverseRequestError('Dataverse answered a query without a value array');
    if (typeof nextLink === 'string') this.nextLink = nextLink;
    if (typeof deltaLink === 'string') this.deltaLink = deltaLink;
    if (!spans) this.parsed = value as Row[];
    this.rowCount = spans ? spans.starts.length : value.length;
  }

  /**
   * The page of a query answer's body. Everything but the rows is parsed now (a malformed
   * envelope fails here); the rows are checked when parsed. A body whose rows cannot be located
   * without parsing is parsed whole, now.
   */
  static fromBytes(bytes: Uint8Array, headers: Headers): ODataPage {
    if (bytes.length === 0) throw new DataverseRequestError('Dataverse answered a query without a value array');
    const spans = findRowSpans(bytes);
    if (!spans) return new ODataPage(parseJsonLossless(UTF8.decode(bytes)), bytes, undefined, headers);
    // The envelope with an empty array: the rows' bytes are left for rowsIn.
    const envelope = parseJsonLossless(`${UTF8.decode(bytes.subarray(0, spans.open + 1))}${UTF8.decode(bytes.subarray(spans.close))}`);
    return new ODataPage(envelope, bytes, spans, headers);
  }

  /** Every row (small answers: metadata, `$top=1`). */
  get rows(): Row[] {
    this.parsed ??= this.rowsIn(0, this.rowCount);
    return this.parsed;
  }

  /** Rows `from` (included) to `to` (excluded), parsed now. */
  rowsIn(from: number, to: number): Row[] {
    const end = Math.min(to, this.rowCount);
    if (from >= end) return [];
    if (this.parsed || !this.spans) return (this.parsed as Row[]).slice(from, end);
    const { starts, ends } = this.spans;
    const rows: Row[] = [];
    for (let first = from; first < end; first += ROWS_PER_PARSE) {
      const last = Math.min(end, first + ROWS_PER_PARSE);
      const parsed = parseJsonLossless(`[${UTF8.decode(this.bytes.subarray(starts[first], ends[last - 1]))}]`) as Row[];
      if (parsed.length !== last - first) throw new DataverseRequestError(`Rows ${first}–${last} of a Dataverse page could not be told apart`);
      for (const row of parsed) rows.push(row);
    }
    return rows;
  }
}
