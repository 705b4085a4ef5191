import type { components } from '../generated/hub-api';
import { toFilter } from './filter';
import { emptyJobValues, jobBody, jobValuesOf } from './job-form-values';
import { nextRunTimes } from './schedule-preview';

type Job = components['schemas']['JobView'];
type Schema = components['schemas']['SchemaView'];

const field = (name: string, type: string, column: string | null = name.toLowerCase()) => ({ name, type, column, active: true }) as Schema['fields'][number];
const schema = { fields: [field('Id', 'id'), field('Plan__c', 'enum', 'plan_c'), field('Seats__c', 'integer', 'seats_c'), field('Renewal_At__c', 'datetime', 'renewal_at_c')] } as Schema;
const job = (over: Partial<Job>): Job =>
  ({
    id: 'j',
    name: 'Subscriptions',
    operation: 'import',
    mode: 'manual',
    filter: null,
    options: {},
    mapping: schema.fields.map((f) => ({ field: f.name, column: f.column as string, conversion: 'default' })),
    ...over,
  }) as Job;

describe('job form values', () => {
  it('builds the canonical filter: one condition alone, several under "and", typed values', () => {
    const types = new Map(schema.fields.map((f) => [f.name, f.type]));
    expect(toFilter([], types)).toBeNull();
    expect(toFilter([{ field: 'Plan__c', op: 'eq', value: 'Gold' }], types)).toEqual({ field: 'Plan__c', op: 'eq', value: 'Gold' });
    expect(toFilter([{ field: 'Seats__c', op: 'ge', value: '10' }, { field: 'Plan__c', op: 'in', value: 'Gold, Silver' }, { field: 'Renewal_At__c', op: 'isNull', value: 'false' }, { field: '', op: 'eq', value: 'x' }], types)).toEqual({
      and: [
        { field: 'Seats__c', op: 'ge', value: 10 },
        { field: 'Plan__c', op: 'in', value: ['Gold', 'Silver'] },
        { field: 'Renewal_At__c', op: 'isNull', value: false },
      ],
    });
  });

  it('reads a job back into the form, keeping a filter it cannot show as conditions', () => {
    const simple = jobValuesOf(job({ filter: { and: [{ field: 'Plan__c', op: 'in', value: ['Gold', 'Silver'] }] }, mode: 'scheduled', schedule: { cron: '0 3 * * *', timeZone: 'Europe/Rome' } }), schema);
    expect(simple).toMatchObject({ conditions: [{ field: 'Plan__c', op: 'in', value: 'Gold, Silver' }], mode: 'scheduled', cron: '0 3 * * *', timeZone: 'Europe/Rome', mapping: undefined });
    expect(simple.keptFilter).toBeUndefined();
    const nested = { or: [{ field: 'Plan__c', op: 'eq', value: 'Gold' }, { field: 'Seats__c', op: 'gt', value: 5 }] };
    expect(jobValuesOf(job({ filter: nested }), schema)).toMatchObject({ conditions: [], keptFilter: nested });
    expect(jobValuesOf(job({ mapping: [{ field: 'Id', column: 'id', conversion: 'default' }, { field: 'Renewal_At__c', column: 'renewal_at_c', conversion: 'date-only' }] }), schema).mapping).toEqual({ Id: 'default', Renewal_At__c: 'date-only' });
  });

  it('sends a new job only what was chosen, and an edit everything the form shows', () => {
    expect(jobBody({ ...emptyJobValues(), name: ' In ' }, 'import', schema)).toEqual({ name: 'In', mode: 'manual', filter: null });
    const edited = jobValuesOf(job({ mode: 'scheduled', schedule: { cron: '0 3 * * *', timeZone: 'UTC' }, options: { writeMode: 'upsert', matchField: 'Ext__c', retryRejects: true }, operation: 'export' }), schema);
    expect(jobBody({ ...edited, mode: 'manual', matchField: '' }, 'export', schema, job({ operation: 'export', options: { writeMode: 'upsert', matchField: 'Ext__c', retryRejects: true } }))).toEqual({
      name: 'Subscriptions',
      mode: 'manual',
      schedule: null,
      options: { writeMode: 'upsert', retryRejects: true },
      mapping: schema.fields.map((f) => ({ field: f.name })),
    });
    const nested = { or: [{ field: 'Plan__c', op: 'eq', value: 'Gold' }] };
    expect(jobBody(jobValuesOf(job({ filter: nested }), schema), 'import', schema, job({ filter: nested }))).not.toHaveProperty('filter');
  });

  it("previews a schedule's next runs in its time zone, as the hub schedules them", () => {
    const rome = nextRunTimes('0 3 * * *', 'Europe/Rome', 3);
    expect(rome.problem).toBeUndefined();
    expect(rome.times).toHaveLength(3);
    for (const time of rome.times) expect(time).toMatch(/, 03:00:00 \((GMT\+1|GMT\+2|CET|CEST)\)$/);
    expect(nextRunTimes('61 * * * *', 'UTC').problem).toBeDefined();
    expect(nextRunTimes('0 3 * * *', 'Mars/Olympus').problem).toBeDefined();
  });
});
