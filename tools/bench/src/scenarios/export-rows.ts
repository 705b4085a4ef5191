import type { BenchDatabase } from '../support/bench-database';
import { SALESFORCE_FIELDS } from './objects';

const PLANS = ['Basic', 'Standard', 'Premium', 'Enterprise'];
const FEATURES = ['Analytics', 'Api', 'Sso', 'Support', 'Storage'];
const REGIONS = ['EMEA', 'AMER', 'APAC'];
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The i-th row to export, by Salesforce field (values the org's validation accepts). */
export function exportRecord(prefix: string, i: number): Record<string, unknown> {
  return {
    Name: `Bench ${prefix} ${i}`,
    External_Id__c: `EXT-${prefix}${pad(i, 9)}`,
    Plan__c: PLANS[i % PLANS.length],
    Features__c: [FEATURES[i % 5], FEATURES[(i + 2) % 5]].sort(),
    Region__c: REGIONS[i % REGIONS.length],
    Amount__c: `${(i % 100000) / 100}`,
    Discount__c: `${(i % 2000) / 100}`,
    Seats__c: 1 + (i % 500),
    Start_Date__c: `2026-${pad((i % 12) + 1, 2)}-${pad((i % 28) + 1, 2)}`,
    Renewal_At__c: new Date(Date.UTC(2027, i % 12, 1, 9, 0, 0)).toISOString(),
    Billing_Time__c: `${pad(i % 24, 2)}:${pad((i % 4) * 15, 2)}:00.000`,
    Active__c: i % 5 !== 0,
  };
}

/** How a multi-select is stored: a JSON array (the hub's columns) or Salesforce's `A;B` (a plain table). */
export type MultiSelectForm = 'json' | 'semicolon';

/** A stored value as a plain SQL writer would put it in a column of `kind`. */
function stored(value: unknown, kind: 'sqlite' | 'postgres', multiSelect: MultiSelectForm): unknown {
  if (Array.isArray(value)) return multiSelect === 'json' ? JSON.stringify(value) : value.join(';');
  if (typeof value === 'boolean' && kind === 'sqlite') return value ? 1 : 0;
  return value;
}

/**
 * Writes `count` rows with plain SQL, as the platform would (multi-row INSERTs in one
 * transaction). `columns` maps each field to its column; `extra` adds fixed columns.
 */
export async function insertRows(
  db: BenchDatabase,
  table: string,
  columns: Map<string, string>,
  rows: { prefix: string; count: number; multiSelect: MultiSelectForm },
  extra: Record<string, unknown> = {},
): Promise<void> {
  const { prefix, count, multiSelect } = rows;
  const fields = SALESFORCE_FIELDS.map((f) => f.name).filter((f) => columns.has(f));
  const names = [...fields.map((f) => columns.get(f) as string), ...Object.keys(extra)];
  const perStatement = Math.floor(30_000 / names.length);
  await db.query('BEGIN');
  for (let start = 0; start < count; start += perStatement) {
    const size = Math.min(perStatement, count - start);
    const params: unknown[] = [];
    const values: string[] = [];
    for (let i = start; i < start + size; i++) {
      const record = exportRecord(prefix, i);
      params.push(...fields.map((f) => stored(record[f], db.kind, multiSelect)), ...Object.values(extra));
      values.push(`(${names.map(() => '?').join(', ')})`);
    }
    await db.query(`INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES ${values.join(', ')}`, params);
  }
  await db.query('COMMIT');
}
