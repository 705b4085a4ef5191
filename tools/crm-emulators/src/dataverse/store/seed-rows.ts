import type { MetadataRegistry } from '../metadata/metadata-registry';
import type { TableDef } from '../metadata/metadata-types';
import { PLATFORM_IDS } from './platform-rows';
import type { LookupValue, StoredRow } from './row-types';

/** Seeds without an explicit stamp get one second apart from here (past, stable across runs). */
export const SEED_BASE_MS = Date.UTC(2026, 0, 1, 0, 0, 0);

const FIRST = ['Ana', 'Ben', 'Chloé', 'Dmitri', 'Eve', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Lena'];
const LAST = ['Adams', 'Brown', 'Chen', 'Dubois', 'Evans', 'Fischer', 'García', 'Hansen', 'Ito', 'Jones', 'Kowalski', 'López'];
const CITIES = ['Paris', 'Berlin', 'Lisbon', 'Madrid', 'Oslo', 'Dublin', 'Vienna', 'Prague'];

export function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

export function tablePrefix(table: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < table.length; i++) h = Math.imul(h ^ table.charCodeAt(i), 0x01000193);
  return hex((h >>> 0) | 0x10000000, 8).slice(0, 8);
}

/** Index-th value of a choice column, cycling through its options. */
function optionValues(registry: MetadataRegistry, def: TableDef, name: string): number[] {
  const attribute = registry.attribute(def, name);
  return (attribute && registry.optionSetOf(attribute)?.options.map((o) => o.value)) || [];
}

/** Shared by every seeded row (stored values are never mutated). */
const ADMINISTRATOR: LookupValue = { id: PLATFORM_IDS.administratorId, table: 'systemuser' };
const BUSINESS_UNIT: LookupValue = { id: PLATFORM_IDS.businessUnitId, table: 'businessunit' };

export type RowFactory = (n: number, id: string, stamp: number, version: number) => StoredRow;

/**
 * One object literal per table, so every row of a table has the same fixed shape (compact, fast
 * property access): a million rows stay within a few hundred megabytes.
 */
export function rowFactory(registry: MetadataRegistry, def: TableDef): RowFactory {
  const pick = (values: number[], n: number) => (values.length ? (values[n % values.length] as number) : null);
  const industries = optionValues(registry, def, 'industrycode');
  const sources = optionValues(registry, def, 'leadsourcecode');
  const plans = optionValues(registry, def, 'new_plan');
  const channels = registry.optionSet('global:new_channel')?.options.map((o) => o.value) ?? [];
  const lowerFirst = FIRST.map((f) => f.toLowerCase());
  const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
  switch (def.logicalName) {
    case 'account':
      return (n, id, stamp, version) => {
        const revenue = (n % 1000) * 1000 + 0.5;
        return {
          accountid: id, createdon: stamp, modifiedon: stamp, versionnumber: version, statecode: 0, statuscode: 1,
          name: `Account ${n}`, accountnumber: `AC-${n}`, emailaddress1: `account${n}@example.com`,
          telephone1: `+1 555 ${String(n % 10000).padStart(4, '0')}`, address1_city: CITIES[n % CITIES.length] as string,
          revenue, revenue_base: revenue, numberofemployees: n % 5000, industrycode: pick(industries, n), creditonhold: n % 10 === 0,
          // Owned by the administrator who seeded them; Yes/No columns are never empty (their DefaultValue).
          ownerid: ADMINISTRATOR, owninguser: ADMINISTRATOR, owningbusinessunit: BUSINESS_UNIT, createdby: ADMINISTRATOR, modifiedby: ADMINISTRATOR,
          donotbulkemail: false, donotbulkpostalmail: false, donotemail: false, donotfax: false, donotphone: false, donotpostalmail: false,
          donotsendmm: false, followemail: true, marketingonly: false, merged: false, participatesinworkflow: false,
        };
      };
    case 'contact':
      return (n, id, stamp, version) => {
        const first = n % FIRST.length;
        const last = LAST[(n * 7) % LAST.length] as string;
        return {
          contactid: id, createdon: stamp, modifiedon: stamp, versionnumber: version, statecode: 0, statuscode: 1,
          firstname: FIRST[first] as string, lastname: last, fullname: `${FIRST[first] as string} ${last}`,
          emailaddress1: `${lowerFirst[first] as string}.${n}@example.com`, jobtitle: n % 3 === 0 ? 'Buyer' : 'Engineer',
          birthdate: `19${60 + (n % 40)}-${pad2((n % 12) + 1)}-${pad2((n % 28) + 1)}`, donotemail: false,
        };
      };
    case 'lead':
      return (n, id, stamp, version) => {
        const first = n % FIRST.length;
        const last = LAST[(n * 7) % LAST.length] as string;
        return {
          leadid: id, createdon: stamp, modifiedon: stamp, versionnumber: version, statecode: 0, statuscode: 1,
          firstname: FIRST[first] as string, lastname: last, fullname: `${FIRST[first] as string} ${last}`,
          emailaddress1: `${lowerFirst[first] as string}.${n}@example.com`, subject: `Interest ${n}`, companyname: `Prospect ${n}`,
          leadsourcecode: pick(sources, n),
        };
      };
    case 'new_subscription':
      return (n, id, stamp, version) => {
        const amount = (n % 500) * 10 + 9.99;
        const selected = channels.length ? [channels[n % channels.length] as number, channels[(n + 2) % channels.length] as number].sort((a, b) => a - b) : null;
        return {
          new_subscriptionid: id, createdon: stamp, modifiedon: stamp, versionnumber: version, statecode: 0, statuscode: 1,
          new_name: `Subscription ${n}`, new_code: `S-${String(n).padStart(7, '0')}`, new_plan: pick(plans, n), new_channels: selected,
          new_amount: amount, new_amount_base: amount, new_seats: (n % 50) + 1, new_startdate: `2026-${pad2((n % 12) + 1)}-01`,
          new_renewalon: Date.UTC(2027, n % 12, 1, 9, 0, 0), new_autorenew: n % 2 === 0,
        };
      };
    case 'new_subscription_contact':
      // An association: the related ids are derived from the seed number (stable, GUID-shaped).
      return (n, id, _stamp, version) => ({
        new_subscription_contactid: id,
        new_subscriptionid: `5b5c0000-0000-4000-8000-${hex(n, 12)}`,
        contactid: `c0c70000-0000-4000-8000-${hex(n, 12)}`,
        versionnumber: version,
      });
    default:
      return (_n, id, stamp, version) => ({ [def.primaryIdAttribute]: id, createdon: stamp, modifiedon: stamp, versionnumber: version, statecode: 0, statuscode: 1 });
  }
}

/**
 * The seed number behind alternate-key values of seeded rows (`new_code` = `S-0000042` → 42), so a
 * key lookup finds a seeded row without generating every row.
 */
export function seedNumberOfKey(def: TableDef, keyName: string, values: Record<string, unknown>): number | undefined {
  if (def.logicalName !== 'new_subscription' || keyName !== 'new_code_key') return undefined;
  const match = /^s-(\d{7,})$/i.exec(String(values['new_code'] ?? ''));
  return match ? Number(match[1]) : undefined;
}
