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

  /** The body, until its last row is parsed when it was lent ({@link fromBytes}'s `release`). */
  private bytes: Uint8Array | undefined;

  private constructor(
    envelope: unknown,
    bytes: Uint8Array,
    private readonly spans: RowSpans | undefined,
    readonly headers: Headers,
    private readonly release: ((bytes: Uint8Array) => void) | undefined,
  ) {
    this.bytes = bytes;
    // An answer that is not an object (`null`, a number…) has no value array either.
    const body = envelope !== null && typeof envelope === 'object' ? (envelope as Row) : {};
    const { '@odata.nextLink': nextLink, '@odata.deltaLink': deltaLink, value } = body;
    if (!Array.isArray(value)) throw new DataverseRequestError('Dataverse answered a query without a value array');
    if (typeof nextLink === 'string') this.nextLink = nextLink;
    if (typeof deltaLink === 'string') this.deltaLink = deltaLink;
    if (!spans) this.parsed = value as Row[];
    this.rowCount = spans ? spans.starts.length : value.length;
    if (this.parsed || this.rowCount === 0) this.giveBack();
  }

  /**
   * The page of a query answer's body. Everything but the rows is parsed now (a malformed
   * envelope fails here); the rows are checked when parsed. A body whose rows cannot be located
   * without parsing is parsed whole, now.
   *
   * `release`, when given, gets the bytes back as soon as the page no longer needs them: once the
   * last row has been parsed (so a lent page's rows are read in order, the last part last; reading
   * any row after that throws), or at once when everything was parsed here.
   */
  static fromBytes(bytes: Uint8Array, headers: Headers, release?: (bytes: Uint8Array) => void): ODataPage {
    if (bytes.length === 0) throw new DataverseRequestError('Dataverse answered a query without a value array');
    const spans = findRowSpans(bytes);
    if (!spans) return new ODataPage(parseJsonLossless(UTF8.decode(bytes)), bytes, undefined, headers, release);
    // The envelope with an empty array: the rows' bytes are left for rowsIn.
    const envelope = parseJsonLossless(`${UTF8.decode(bytes.subarray(0, spans.open + 1))}${UTF8.decode(bytes.subarray(spans.close))}`);
    return new ODataPage(envelope, bytes, spans, headers, release);
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
    const bytes = this.bytes;
    if (!bytes) throw new Error('The rows of this Dataverse page were all read already: its body has been handed back for the next page');
    const { starts, ends } = this.spans;
    const rows: Row[] = [];
    for (let first = from; first < end; first += ROWS_PER_PARSE) {
      const last = Math.min(end, first + ROWS_PER_PARSE);
      const parsed = parseJsonLossless(`[${UTF8.decode(bytes.subarray(starts[first], ends[last - 1]))}]`) as Row[];
      if (parsed.length !== last - first) throw new DataverseRequestError(`Rows ${first}–${last} of a Dataverse page could not be told apart`);
      for (const row of parsed) rows.push(row);
    }
    // Readers go through a page in order: once its last row is parsed, its body can serve the next page.
    if (end === this.rowCount) this.giveBack();
    return rows;
  }

  /** Hands a lent body back (see {@link fromBytes}); its bytes are not read again. */
  private giveBack(): void {
    if (!this.release || !this.bytes) return;
    const bytes = this.bytes;
    this.bytes = undefined;
    this.release(bytes);
  }
}
