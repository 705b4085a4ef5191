/**
 * An array kept in order, with binary search: the emulator's stand-in for a database index. Inserts
 * and removals splice (a memmove, fast enough at a million entries); bulk loads that already arrive in
 * order (seeding) are appended without sorting.
 */
export class SortedIndex<T> {
  private items: T[] = [];

  constructor(private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  at(index: number): T | undefined {
    return this.items[index];
  }

  insert(item: T): void {
    this.items.splice(this.lowerBound(item), 0, item);
  }

  /** Removes this exact entry (found by its key); returns whether it was there. */
  remove(item: T): boolean {
    let i = this.lowerBound(item);
    while (i < this.items.length && this.compare(this.items[i] as T, item) === 0) {
      if (this.items[i] === item) {
        this.items.splice(i, 1);
        return true;
      }
      i++;
    }
    const fallback = this.items.indexOf(item);
    if (fallback >= 0) this.items.splice(fallback, 1);
    return fallback >= 0;
  }

  /** Adds many entries: appended when they sort after everything present, merged and sorted otherwise. */
  addAll(entries: T[]): void {
    if (entries.length === 0) return;
    let ordered = true;
    for (let i = 1; i < entries.length && ordered; i++) ordered = this.compare(entries[i - 1] as T, entries[i] as T) <= 0;
    const last = this.items[this.items.length - 1];
    if (ordered && (last === undefined || this.compare(last, entries[0] as T) <= 0)) {
      for (const entry of entries) this.items.push(entry);
      return;
    }
    this.items = this.items.concat(entries).sort(this.compare);
  }

  clear(): void {
    this.items = [];
  }

  /** First position whose entry is not before `probe`. */
  lowerBound(probe: T): number {
    return this.search((item) => this.compare(item, probe) < 0);
  }

  /** First position whose entry is after the key `keyCompare` describes (`keyCompare(item)` > 0 once past it). */
  upperBoundBy(keyCompare: (item: T) => number): number {
    return this.search((item) => keyCompare(item) <= 0);
  }

  /** Entries from `start` on (a live view; don't mutate the index while iterating it). */
  *from(start: number): IterableIterator<T> {
    for (let i = start; i < this.items.length; i++) yield this.items[i] as T;
  }

  /** First index where `before(item)` is false; `before` must be true for a prefix of the array. */
  private search(before: (item: T) => boolean): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(this.items[mid] as T)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
