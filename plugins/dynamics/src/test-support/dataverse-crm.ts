import { createHash } from 'node:crypto';
import type { DataverseColumnValue, DataverseEmulator, DataverseTableName } from '@crm-hub/crm-emulators';
import type { ConformanceCrm } from '@crm-hub/plugin-testing';
import { formatReference, parseMultiEnum, toDecimalString, toIsoDateTime } from '@crm-hub/plugin-sdk';

// The emulator as the conformance kit and the specs see it, without plugin code: the conformance
// suites load this next to a built plugin too (Deno, tools/deno-conformance).

/** A valid client-secret config for the emulator (tuning knobs set for tests), with `overrides` applied. */
export function harnessConfig(emulator: DataverseEmulator, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    instanceUrl: emulator.url,
    authorityUrl: emulator.authorityUrl,
    tenantId: emulator.credentials.tenantId,
    clientId: emulator.credentials.clientId,
    clientSecret: emulator.credentials.clientSecret,
    safetyLagMs: 0,
    pollIntervalMs: 200,
    maxRetries: 3,
    ...overrides,
  };
}

/** A GUID derived from a name (stable across runs). */
export function guidFor(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The column a table's conformance updates change, and the valid/invalid records it writes. */
const TABLES: Record<string, { touch: string; valid: (i: number) => Record<string, unknown>; invalid: Record<string, unknown> }> = {
  contact: {
    touch: 'jobtitle',
    valid: (i) => ({ contactid: guidFor(`conformance-contact-${i}`), lastname: `Conformance ${i}`, emailaddress1: `conf-${i}@example.com` }),
    // gendercode 99 is outside the option set: Dataverse rejects the record (0x8004431A).
    invalid: { contactid: guidFor('conformance-contact-invalid'), lastname: 'Invalid', gendercode: '99' },
  },
  lead: {
    touch: 'companyname',
    valid: (i) => ({ leadid: guidFor(`conformance-lead-${i}`), lastname: `Conformance ${i}`, subject: `Interest ${i}` }),
    invalid: { leadid: guidFor('conformance-lead-invalid'), lastname: 'Invalid', subject: 'Invalid', leadsourcecode: '99' },
  },
};

/**
 * The conformance kit's handle on the emulator: seeding and mutations go through the control
 * interface (no HTTP, not counted), `requestCount` is every API request the emulator served.
 * Upsert matches on the primary id (contact and lead have no alternate key in the emulated
 * environment; Dataverse upserts by id as documented).
 *
 * @example
 * ```ts
 * const crm = conformanceCrm(emulator, 'contact');
 * ```
 */
export function conformanceCrm(emulator: DataverseEmulator, object: DataverseTableName): ConformanceCrm {
  const table = TABLES[object];
  if (!table) throw new Error(`No conformance data for '${object}'`);
  let touches = 0;
  return {
    reset: async (name) => emulator.truncate(name),
    createRecords: async (name, count, o) => emulator.seed(name, count, o?.modifiedAt ? { modifiedOn: o.modifiedAt } : {}),
    updateRecords: async (name, ids, o) =>
      emulator.update(name, ids, { [table.touch]: `Touched ${++touches}` }, o?.modifiedAt ? { modifiedOn: o.modifiedAt } : {}),
    deleteRecords: async (name, ids) => emulator.delete(name, ids),
    requestCount: async () => emulator.counters.total(),
    validRecord: (_name, i) => table.valid(i),
    invalidRecord: () => ({ ...table.invalid }),
    upsertField: `${object}id`,
  };
}

/**
 * A row as the emulator stores it, in canonical values (the contract's value table), read through
 * its control interface — without the plugin and without an API call. Columns reads cannot carry
 * (managed properties) are left out; a file column is its file's id.
 *
 * @example
 * ```ts
 * await storedRecord(emulator, 'contact', id); // { contactid: '…', lastname: 'Ada', parentcustomerid: 'account:…', … }
 * ```
 */
export function storedRecord(emulator: DataverseEmulator, table: DataverseTableName, id: string): Record<string, unknown> | undefined {
  const columns = emulator.record(table, id);
  if (!columns) return undefined;
  const record: Record<string, unknown> = {};
  for (const [name, column] of Object.entries(columns)) {
    const value = canonicalOf(column);
    if (value !== undefined) record[name] = value;
  }
  return record;
}

function canonicalOf(column: DataverseColumnValue): unknown {
  const { attributeType, value } = column;
  if (attributeType === 'ManagedProperty') return undefined;
  if (value === null || value === undefined) return null;
  switch (attributeType) {
    case 'Integer':
    case 'Boolean':
      return value;
    case 'BigInt':
    case 'Decimal':
    case 'Double':
    case 'Money':
      return toDecimalString(value as number);
    case 'Picklist':
    case 'State':
    case 'Status':
      return String(value);
    case 'MultiSelectPicklistType':
      return parseMultiEnum(String(value), ',');
    case 'DateTime':
      return column.dateOnly ? value : toIsoDateTime(String(value));
    case 'Customer':
    case 'Owner':
      // Polymorphic lookups cross the contract as '<table>:<guid>'.
      return formatReference(String(column.lookupTable), String(value));
    default:
      return String(value);
  }
}
