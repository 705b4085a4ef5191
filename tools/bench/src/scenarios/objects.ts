import type { SinkColumn } from '../../baselines/sink';

/**
 * The objects the benchmarks move: 12 fields of mixed types each (text, picklist, multi-select,
 * decimals, whole numbers, date, date-time, time, boolean), the same for the hub's schema and the
 * baselines' hand-written tables.
 */
export const SALESFORCE_OBJECT = 'Subscription__c';

export const SALESFORCE_FIELDS: SinkColumn[] = [
  { name: 'Name', sqlite: 'TEXT', postgres: 'TEXT' },
  { name: 'External_Id__c', sqlite: 'TEXT', postgres: 'TEXT' },
  { name: 'Plan__c', sqlite: 'TEXT', postgres: 'TEXT' },
  { name: 'Features__c', sqlite: 'TEXT', postgres: 'TEXT' },
  { name: 'Region__c', sqlite: 'TEXT', postgres: 'TEXT' },
  { name: 'Amount__c', sqlite: 'NUMERIC', postgres: 'NUMERIC(16,2)' },
  { name: 'Discount__c', sqlite: 'NUMERIC', postgres: 'NUMERIC(5,2)' },
  { name: 'Seats__c', sqlite: 'REAL', postgres: 'DOUBLE PRECISION' },
  { name: 'Start_Date__c', sqlite: 'TEXT', postgres: 'DATE' },
  { name: 'Renewal_At__c', sqlite: 'TEXT', postgres: 'TIMESTAMPTZ' },
  { name: 'Billing_Time__c', sqlite: 'TEXT', postgres: 'TIME' },
  { name: 'Active__c', sqlite: 'INTEGER', postgres: 'BOOLEAN' },
];

export const DATAVERSE_TABLE = 'new_subscription';
export const DATAVERSE_ENTITY_SET = 'new_subscriptions';

/** Dataverse columns by logical name (the hub's schema) and Web API property (the baseline's `$select`). */
export const DATAVERSE_FIELDS: (SinkColumn & { logicalName: string })[] = [
  { logicalName: 'new_name', name: 'new_name', sqlite: 'TEXT', postgres: 'TEXT' },
  { logicalName: 'new_code', name: 'new_code', sqlite: 'TEXT', postgres: 'TEXT' },
  { logicalName: 'new_plan', name: 'new_plan', sqlite: 'INTEGER', postgres: 'INTEGER' },
  { logicalName: 'new_channels', name: 'new_channels', sqlite: 'TEXT', postgres: 'TEXT' },
  { logicalName: 'new_amount', name: 'new_amount', sqlite: 'NUMERIC', postgres: 'NUMERIC(19,4)' },
  { logicalName: 'new_seats', name: 'new_seats', sqlite: 'INTEGER', postgres: 'INTEGER' },
  { logicalName: 'new_startdate', name: 'new_startdate', sqlite: 'TEXT', postgres: 'DATE' },
  { logicalName: 'new_renewalon', name: 'new_renewalon', sqlite: 'TEXT', postgres: 'TIMESTAMPTZ' },
  { logicalName: 'new_autorenew', name: 'new_autorenew', sqlite: 'INTEGER', postgres: 'BOOLEAN' },
  { logicalName: 'statecode', name: 'statecode', sqlite: 'INTEGER', postgres: 'INTEGER' },
  { logicalName: 'statuscode', name: 'statuscode', sqlite: 'INTEGER', postgres: 'INTEGER' },
  { logicalName: 'new_accountid', name: '_new_accountid_value', sqlite: 'TEXT', postgres: 'UUID' },
];

/** API calls that read data, per CRM (the rest — sign-in, describe — is listed apart). */
export const DATA_CALLS = {
  salesforce: ['query', 'queryAll', 'queryMore', 'bulk2.query'],
  dataverse: ['query', 'nextLink', 'delta'],
} as const;

/** Per-kind difference of two counter snapshots. */
export function callsBetween(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [kind, n] of Object.entries(after)) {
    const d = n - (before[kind] ?? 0);
    if (d > 0) out[kind] = d;
  }
  return out;
}

export function sumOf(calls: Record<string, number>, kinds: readonly string[]): number {
  return kinds.reduce((n, k) => n + (calls[k] ?? 0), 0);
}
