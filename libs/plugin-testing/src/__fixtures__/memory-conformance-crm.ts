import type { ConformanceCrm } from '../index';
import { toCanonical } from './memory-catalog';
import { MEMORY_SCHEMA, type MemoryCrm } from './memory-crm';

/** Native field values of a seeded record (what a CRM user would have typed in). */
function seedFields(object: string, n: number): Record<string, unknown> {
  if (object !== 'Contact') return { Name: `Seed ${n}` };
  return {
    LastName: `Seed ${n}`,
    Email: `seed${n}@example.com`,
    Score: n,
    Amount: `${n}.50`,
    Tags: n % 2 ? 'Gold;Silver' : null,
    Level: n % 2 ? 'Lead' : 'Customer',
    Active: n % 2 === 0,
    BirthDate: '1990-02-28',
    MailingStreet: `${n} Main Street`,
    MailingCity: null,
    ExternalId: `seed-${n}`,
  };
}

/**
 * The {@link ConformanceCrm} handle of a {@link MemoryCrm}: seeding and `readRecord` go through
 * the CRM's administration side, so they are not counted as API requests.
 */
export function memoryConformanceCrm(crm: MemoryCrm): ConformanceCrm {
  let seeded = 0;
  return {
    reset: async (object) => crm.reset(object),
    createRecords: async (object, count, options) =>
      Array.from({ length: count }, () => crm.insert(object, seedFields(object, ++seeded), options?.modifiedAt)),
    updateRecords: async (object, ids, options) => {
      for (const id of ids) crm.update(object, id, { Score: ++seeded }, options?.modifiedAt);
    },
    deleteRecords: async (object, ids) => {
      for (const id of ids) crm.remove(object, id);
    },
    requestCount: async () => crm.requestCount,
    readRecord: async (object, id) => {
      const row = crm.record(object, id);
      const schema = MEMORY_SCHEMA[object] ?? [];
      const every = schema.map((f) => f.name);
      return row && toCanonical(row, schema, every, false);
    },
    validRecord: (_object, i) => ({
      LastName: `Valid ${i}`,
      Email: `valid${i}@example.com`,
      Tags: ['Gold'],
      Amount: '10.00',
      ExternalId: `ext-${i}`,
    }),
    invalidRecord: () => ({ Email: 'no-last-name@example.com' }),
    upsertField: 'ExternalId',
  };
}
