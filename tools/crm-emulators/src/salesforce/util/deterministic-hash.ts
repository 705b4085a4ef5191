/** A 32-bit integer hash of (n, salt): the same inputs give the same seeded data on every run. */
export function hash32(n: number, salt: number): number {
  let h = Math.imul((n ^ 0x9e3779b9) + salt * 0x85ebca6b, 0xcc9e2d51);
  h = Math.imul(h ^ (h >>> 15), 0x1b873593);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Picks one entry deterministically. */
export function pick<T>(values: readonly T[], n: number, salt: number): T {
  return values[hash32(n, salt) % values.length] as T;
}
