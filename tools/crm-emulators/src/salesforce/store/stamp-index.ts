interface StampEntry {
  ms: number;
  id: string;
  version: number;
}

/**
 * Stored records in (SystemModstamp, Id) order — what incremental reads (`SystemModstamp > x ORDER
 * BY SystemModstamp, Id LIMIT n`) and getUpdated walk. Changes mostly append (new stamps are "now");
 * replaced entries are skipped lazily and compacted away in bulk.
 */
export class StampIndex {
  private entries: StampEntry[] = [];
  private readonly current = new Map<string, number>();
  private version = 0;
  private stale = 0;

  set(id: string, ms: number): void {
    if (this.current.has(id)) this.stale++;
    const entry = { ms, id, version: ++this.version };
    this.current.set(id, entry.version);
    const last = this.entries[this.entries.length - 1];
    if (!last || last.ms < ms || (last.ms === ms && last.id <= id)) this.entries.push(entry);
    else this.entries.splice(this.lowerBound(ms, id), 0, entry);
    this.compactIfWorthIt();
  }

  remove(id: string): void {
    if (this.current.delete(id)) this.stale++;
    this.compactIfWorthIt();
  }

  clear(): void {
    this.entries = [];
    this.current.clear();
    this.stale = 0;
  }

  *from(ms: number): Generator<StampEntry> {
    for (let i = this.lowerBound(ms, ''); i < this.entries.length; i++) {
      const entry = this.entries[i] as StampEntry;
      if (this.current.get(entry.id) === entry.version) yield entry;
    }
  }

  private lowerBound(ms: number, id: string): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const e = this.entries[mid] as StampEntry;
      if (e.ms < ms || (e.ms === ms && e.id < id)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private compactIfWorthIt(): void {
    if (this.stale < 1024 || this.stale * 2 < this.entries.length) return;
    this.entries = this.entries.filter((e) => this.current.get(e.id) === e.version);
    this.stale = 0;
  }
}
