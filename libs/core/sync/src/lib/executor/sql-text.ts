import { quoteIdentifier } from '@crm-hub/persistence';

export { SqlParams } from '@crm-hub/persistence';

/** Quoted identifiers, comma-separated. */
export function columnList(names: readonly string[]): string {
  return names.map(quoteIdentifier).join(', ');
}

/** Splits a list into chunks, to keep statements under the databases' parameter limits. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
