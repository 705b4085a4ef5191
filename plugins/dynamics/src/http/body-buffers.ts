/** Free buffers kept for the next bodies: enough for a read with its pages fetched ahead. */
const MAX_FREE = 3;
/**
 * Larger buffers are left to the collector rather than kept: a 5,000-row page of a usual table fits
 * in 8 MB, and a worker keeps at most 48 MB it does not use, however wide the tables it read.
 */
const MAX_POOLED_BYTES = 16 * 1024 * 1024;
/** First size of a buffer for a body of unknown length; it doubles as the body needs. */
const INITIAL_BYTES = 1024 * 1024;

/**
 * Buffers that query pages are read into, and reused once a page's rows are all parsed. A
 * 5,000-row page is ~6 MB, and a fresh buffer per page counts as memory allocated outside the
 * JavaScript heap, which V8 adds to the old generation when it decides on a major collection: a
 * buffer per page cost the plugin's worker a major collection per page (41 in the benchmark's
 * 200,000-record import; 7 with buffers reused).
 *
 * A buffer is only reused after {@link release}, which the one owner of the bytes calls when it no
 * longer reads them (`ODataPage`, after its last row). Bytes never released are simply collected.
 *
 * @example
 * ```ts
 * const bytes = await buffers.read(response);
 * // … parse bytes …
 * buffers.release(bytes);
 * ```
 */
export class BodyBuffers {
  private readonly free: ArrayBuffer[] = [];
  /** Buffers handed out and not released yet: only these are taken back. */
  private readonly issued = new WeakSet<ArrayBuffer>();

  /** The whole body of `res`, in a buffer of this pool (a view of the bytes received). */
  async read(res: Response): Promise<Uint8Array> {
    const length = Number(res.headers.get('content-length') ?? Number.NaN);
    // A compressed body is longer than its content-length: the buffer then grows.
    let bytes: Uint8Array = new Uint8Array(this.take(Number.isSafeInteger(length) && length >= 0 ? length : undefined));
    let size = 0;
    if (res.body) {
      for await (const chunk of res.body) {
        if (size + chunk.byteLength > bytes.byteLength) bytes = grown(bytes, size, size + chunk.byteLength);
        bytes.set(chunk, size);
        size += chunk.byteLength;
      }
    }
    this.issued.add(bytes.buffer as ArrayBuffer);
    return bytes.subarray(0, size);
  }

  /** Hands the buffer behind `bytes` back for the next body; bytes this pool did not give are ignored. */
  release(bytes: Uint8Array): void {
    const buffer = bytes.buffer;
    if (!(buffer instanceof ArrayBuffer) || !this.issued.has(buffer)) return;
    this.issued.delete(buffer);
    if (this.free.length < MAX_FREE && buffer.byteLength <= MAX_POOLED_BYTES) this.free.push(buffer);
  }

  /** A free buffer that holds `length` bytes (the largest one when the length is unknown), or a new one. */
  private take(length: number | undefined): ArrayBuffer {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const size = (this.free[i] as ArrayBuffer).byteLength;
      if (length === undefined ? best < 0 || size > (this.free[best] as ArrayBuffer).byteLength : size >= length) {
        best = i;
        if (length !== undefined) break;
      }
    }
    if (best >= 0) return this.free.splice(best, 1)[0] as ArrayBuffer;
    // Rounded up to a power of two: the next pages, a little longer or shorter, fit the same buffer.
    return new ArrayBuffer(powerOfTwoAtLeast(Math.max(length ?? 0, INITIAL_BYTES)));
  }
}

/** A buffer of at least `needed` bytes holding the first `used` bytes of `bytes`. */
function grown(bytes: Uint8Array, used: number, needed: number): Uint8Array {
  const larger = new Uint8Array(powerOfTwoAtLeast(Math.max(needed, bytes.byteLength * 2)));
  larger.set(bytes.subarray(0, used));
  return larger;
}

function powerOfTwoAtLeast(n: number): number {
  return 2 ** Math.ceil(Math.log2(n));
}
