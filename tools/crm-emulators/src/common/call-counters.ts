/** API calls served, per endpoint kind (e.g. `query`, `queryMore`, `sobjects.describe`), for API-economy assertions. */
export class CallCounters {
  private readonly counts = new Map<string, number>();

  hit(kind: string, count = 1): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + count);
  }

  get(kind: string): number {
    return this.counts.get(kind) ?? 0;
  }

  total(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.counts.clear();
  }
}
