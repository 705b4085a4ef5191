import type { HubSpotEmulator, HubSpotProperty } from '@crm-hub/crm-emulators';
import type { ConformanceCrm } from '@crm-hub/plugin-testing';
import { parseMultiEnum, toDecimalString, toIsoDateTime } from '@crm-hub/plugin-sdk';

// The emulator as the conformance kit and the specs see it, without plugin code: the conformance
// suites load this next to a built plugin too (Deno, tools/deno-conformance).

/** A valid private-app config (safety lag 0, fast polls), with `overrides` applied (`undefined` removes a key). */
export function harnessConfig(hs: HubSpotEmulator, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const merged: Record<string, unknown> = { baseUrl: hs.url, accessToken: hs.credentials.privateAppToken, safetyLagMs: 0, pollIntervalMs: 200, maxRetries: 3, ...overrides };
  return Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined));
}

/** The property a conformance update changes, and the valid/invalid records it writes, per object. */
const OBJECTS: Record<string, { touch: string; upsertField: string; valid: (i: number) => Record<string, unknown>; invalid: Record<string, unknown> }> = {
  subscriptions: {
    touch: 'notes',
    upsertField: 'code',
    valid: (i) => ({ name: `Conformance ${i}`, code: `CONF-${i}`, plan: 'standard', features: ['api', 'audit'], amount: `${i}.25`, start_date: '2026-01-15', renewal_at: '2026-06-01T10:00:00.000Z', active: true }),
    invalid: { name: 'Invalid', plan: 'platinum' }, // not an option of plan: INVALID_OPTION
  },
  contacts: {
    touch: 'jobtitle',
    upsertField: 'email',
    valid: (i) => ({ email: `conformance${i}@example.com`, firstname: 'Conformance', lastname: `Contact ${i}`, hs_buying_role: ['CHAMPION'], newsletter: i % 2 === 0 }),
    invalid: { email: 'not-an-email', lastname: 'Invalid' }, // INVALID_EMAIL
  },
};

/**
 * The conformance kit's handle on the emulator: seeding and changes through its control
 * interface (not counted), `requestCount` every API request it served, `readRecord` the record
 * as stored, converted to canonical values by the emulator's own property types.
 *
 * @example
 * ```ts
 * const crm = conformanceCrm(h.hs, 'subscriptions');
 * ```
 */
export function conformanceCrm(hs: HubSpotEmulator, object: 'subscriptions' | 'contacts'): ConformanceCrm {
  const spec = OBJECTS[object];
  if (!spec) throw new Error(`No conformance data for '${object}'`);
  let touches = 0;
  return {
    reset: async (name) => hs.truncate(name),
    createRecords: async (name, count, o) => hs.seed(name, count, o?.modifiedAt ? { modifiedAt: o.modifiedAt } : {}),
    updateRecords: async (name, ids, o) => hs.update(name, ids, { [spec.touch]: `Touched ${++touches}` }, o?.modifiedAt ? { modifiedAt: o.modifiedAt } : {}),
    deleteRecords: async (name, ids) => hs.archive(name, ids),
    requestCount: async () => hs.counters.total(),
    readRecord: async (name, id) => storedRecord(hs, name, id),
    validRecord: (_name, i) => spec.valid(i),
    invalidRecord: () => ({ ...spec.invalid }),
    upsertField: spec.upsertField,
  };
}

/**
 * A record as the emulator stores it, in canonical values by HubSpot's property types (numbers
 * as exact decimals, `;`-joined checkboxes as arrays, booleans, ISO date-times), read without
 * the plugin and without an API call; `undefined` when it does not exist or is archived.
 *
 * @example
 * ```ts
 * storedRecord(hs, 'contacts', '9001'); // { email: 'contact1@example.com', hs_buying_role: ['…'], … }
 * ```
 */
export function storedRecord(hs: HubSpotEmulator, object: string, id: string): Record<string, unknown> | undefined {
  const record = hs.record(object, id);
  if (!record) return undefined;
  const types = new Map(hs.properties(object).map((p) => [p.name, p]));
  return Object.fromEntries(Object.entries(record.properties).map(([name, value]) => [name, canonicalOf(types.get(name), value)]));
}

function canonicalOf(property: HubSpotProperty | undefined, value: string | null): unknown {
  if (value === null || value === '' || !property) return value === '' ? null : value;
  if (property.name === 'hs_object_id') return value;
  if (property.type === 'number') return toDecimalString(value);
  if (property.type === 'bool' || property.fieldType === 'booleancheckbox') return value === 'true';
  if (property.type === 'datetime') return toIsoDateTime(value);
  if (property.type === 'enumeration' && property.fieldType === 'checkbox') return parseMultiEnum(value, ';');
  return value;
}
