import type { Row } from './row-types';

/**
 * A block of seeded records that exist only as a generator until something changes them: a
 * million seeded rows cost a few bytes each, and are produced again (identically) when read.
 * Records of a segment have consecutive sequence numbers (so ascending ids) and non-decreasing
 * SystemModstamps, so the segment is already in (SystemModstamp, Id) order.
 */
export class SeedSegment {
  /** Per record: 0 = still generated, 1 = a stored version replaced it, 2 = hard-deleted. */
  readonly state: Uint8Array;

  constructor(
    readonly firstSeq: number,
    readonly count: number,
    /** SystemModstamp of the first group of records (epoch ms). */
    readonly baseMs: number,
    /** Consecutive records that share one SystemModstamp; groups are one second apart. */
    readonly groupSize: number,
    private readonly generator: (seq: number, stampMs: number) => Row,
    /** The sequence number a seeded value belongs to, for unique/external-id fields (verified by the caller). */
    private readonly reverse: (field: string, value: string) => number | undefined,
  ) {
    this.state = new Uint8Array(count);
  }

  get lastSeq(): number {
    return this.firstSeq + this.count - 1;
  }

  stampOf(k: number): number {
    return this.baseMs + Math.floor(k / this.groupSize) * 1000;
  }

  /** The first record index whose stamp is at or after `ms`. */
  firstAtOrAfter(ms: number): number {
    if (ms <= this.baseMs) return 0;
    const group = Math.ceil((ms - this.baseMs) / 1000);
    return Math.min(this.count, group * this.groupSize);
  }

  generate(k: number): Row {
    return this.generator(this.firstSeq + k, this.stampOf(k));
  }

  /** Whether the generator's records carry the key fields {@link keyRow} predicts (checked on the first record asked for). */
  private keysPredictable: boolean | undefined;

  /**
   * Record `k`'s Id, SystemModstamp and IsDeleted without generating the whole record (`id` is its
   * Id, which the table derives from the sequence number), or undefined when this segment's
   * generator sets them otherwise. A scan whose WHERE reads nothing else needs no more: a Bulk query
   * job over a million seeded records then builds each record once, for its result page.
   */
  keyRow(k: number, id: string): Row | undefined {
    if (this.keysPredictable === undefined) {
      const sample = this.generate(k);
      this.keysPredictable = sample['IsDeleted'] === false && sample['SystemModstamp'] === this.stampOf(k) && sample['Id'] === id;
    }
    return this.keysPredictable ? { Id: id, SystemModstamp: this.stampOf(k), IsDeleted: false } : undefined;
  }

  /** Index of the still-generated record holding `value` in `field`, if any. */
  lookup(field: string, value: string): number | undefined {
    const seq = this.reverse(field, value);
    if (seq === undefined || seq < this.firstSeq || seq > this.lastSeq) return undefined;
    const k = seq - this.firstSeq;
    if (this.state[k] !== 0) return undefined;
    const stored = this.generate(k)[field];
    return typeof stored === 'string' && stored.toLowerCase() === value.toLowerCase() ? k : undefined;
  }
}
