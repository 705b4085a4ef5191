import { InvalidFilterError, UnsupportedFilterError, type FilterExpr, type SyncMessage } from '@crm-hub/plugin-sdk';
import { buildFilter } from '../odata/filter-builder';
import { startHarness, type DataverseHarness } from '../test-support/dataverse-harness';

const names = (messages: SyncMessage[]): string[] =>
  messages.flatMap((m) => (m.kind === 'upsert' ? [String(m.data['lastname'] ?? m.data['new_name'])] : [])).sort();

describe(`${buildFilter.name} against Dataverse`, () => {
  let h: DataverseHarness;
  beforeAll(async () => {
    h = await startHarness();
    h.emulator.truncate('contact');
    h.emulator.create('contact', [
      { lastname: "O'Neil", firstname: 'Ann', birthdate: '1980-02-29', gendercode: 2, jobtitle: '100% sure' },
      { lastname: 'Adams', firstname: 'Bob', birthdate: '1975-06-01', gendercode: 1, jobtitle: 'Buyer' },
      { lastname: 'Ames', birthdate: '1990-12-31', gendercode: 2, jobtitle: '100 percent' },
      { lastname: 'Brown', firstname: 'Carl', jobtitle: 'Engineer' },
    ]);
    h.emulator.truncate('new_subscription');
    h.emulator.create('new_subscription', [
      { new_name: 'Email+Web', new_code: 'F-1', new_channels: '727000000,727000002' },
      { new_name: 'Phone', new_code: 'F-2', new_channels: '727000001' },
      { new_name: 'None', new_code: 'F-3' },
    ]);
    // Values full of T-SQL LIKE wildcards (%, _, [ ]), which Dataverse honours in contains/startswith.
    h.emulator.truncate('lead');
    h.emulator.create('lead', [
      { lastname: 'Percent', subject: 'S', companyname: '100% sure' },
      { lastname: 'Spaced', subject: 'S', companyname: '100 percent' },
      { lastname: 'Underscore', subject: 'S', companyname: 'ratio 1_0' },
      { lastname: 'Bracket', subject: 'S', companyname: 'a[b]c' },
      { lastname: 'Quote', subject: 'S', companyname: "it's 50%" },
      { lastname: 'Buyer', subject: 'S', companyname: 'Buyer' },
      { lastname: 'Marked', subject: 'S', companyname: '[x] marks' },
      { lastname: 'Caret', subject: 'S', companyname: 'x[^y]z' },
    ]);
  });
  afterAll(() => h.close());

  const read = async (object: string, filter: FilterExpr): Promise<string[]> => {
    const { connector } = await h.open();
    h.emulator.counters.reset();
    const found = names(await h.read(connector, { object, fields: object === 'new_subscription' ? ['new_name'] : ['lastname'], filter }));
    expect(h.emulator.counters.get('query')).toBe(1); // pushed down: one query, no client-side filtering
    return found;
  };

  it.each<[string, FilterExpr, string[]]>([
    ['eq with a quote in the string', { field: 'lastname', op: 'eq', value: "O'Neil" }, ["O'Neil"]],
    ['ne', { field: 'lastname', op: 'ne', value: "O'Neil" }, ['Adams', 'Ames', 'Brown']],
    ['gt on a date-only column', { field: 'birthdate', op: 'gt', value: '1980-02-29' }, ['Ames']],
    ['ge on a date-only column', { field: 'birthdate', op: 'ge', value: '1980-02-29' }, ['Ames', "O'Neil"]],
    ['lt on a string', { field: 'lastname', op: 'lt', value: 'Ames' }, ['Adams']],
    ['le on a string', { field: 'lastname', op: 'le', value: 'Ames' }, ['Adams', 'Ames']],
    ['in on option values', { field: 'gendercode', op: 'in', value: ['1', '2'] }, ['Adams', 'Ames', "O'Neil"]],
    ['contains', { field: 'jobtitle', op: 'contains', value: '100 ' }, ['Ames']],
    ['startsWith', { field: 'lastname', op: 'startsWith', value: 'A' }, ['Adams', 'Ames']],
    ['isNull', { field: 'firstname', op: 'isNull' }, ['Ames']],
    ['isNull false', { field: 'birthdate', op: 'isNull', value: false }, ['Adams', 'Ames', "O'Neil"]],
    [
      'mixed and / or / not',
      { and: [{ or: [{ field: 'gendercode', op: 'eq', value: '2' }, { field: 'jobtitle', op: 'eq', value: 'Engineer' }] }, { not: { field: 'lastname', op: 'startsWith', value: 'O' } }] },
      ['Ames', 'Brown'],
    ],
  ])('pushes %s down to $filter', async (_what, filter, expected) => {
    expect(await read('contact', filter)).toEqual(expected);
  });

  // Each value would match more (or fewer) rows if a wildcard were sent unescaped: '100%' also
  // '100 percent', '1_0' also '100…', '[b]' (a character class) also 'Buyer', '[x]' nothing.
  it.each<[string, FilterExpr, string[]]>([
    ['% in contains', { field: 'companyname', op: 'contains', value: '100%' }, ['Percent']],
    ['_ in contains', { field: 'companyname', op: 'contains', value: '1_0' }, ['Underscore']],
    ['[…] in contains', { field: 'companyname', op: 'contains', value: '[b]' }, ['Bracket']],
    ['a lone ] in contains (no wildcard, sent as is)', { field: 'companyname', op: 'contains', value: 'b]' }, ['Bracket']],
    ['[^…] in contains', { field: 'companyname', op: 'contains', value: '[^y]' }, ['Caret']],
    ['[…] in startsWith', { field: 'companyname', op: 'startsWith', value: '[x]' }, ['Marked']],
    ['% in startsWith', { field: 'companyname', op: 'startsWith', value: '100%' }, ['Percent']],
    ["an apostrophe and % in contains", { field: 'companyname', op: 'contains', value: "'s 50%" }, ['Quote']],
    ["an apostrophe in eq", { field: 'companyname', op: 'eq', value: "it's 50%" }, ['Quote']],
    ['wildcards matched literally only where they stand', { field: 'companyname', op: 'contains', value: '%' }, ['Percent', 'Quote']],
  ])('escapes LIKE wildcards exactly: %s', async (_what, filter, expected) => {
    expect(await read('lead', filter)).toEqual(expected);
  });

  it('filters date-times against modifiedon', async () => {
    const future = new Date(h.emulator.clock.nowMs() + 3_600_000).toISOString();
    expect(await read('contact', { field: 'modifiedon', op: 'gt', value: future })).toEqual([]);
    expect(await read('contact', { field: 'modifiedon', op: 'le', value: future })).toHaveLength(4);
  });

  it('filters multi-select choices by containment (ContainValues)', async () => {
    expect(await read('new_subscription', { field: 'new_channels', op: 'contains', value: '727000002' })).toEqual(['Email+Web']);
    expect(await read('new_subscription', { field: 'new_channels', op: 'in', value: ['727000001', '727000002'] })).toEqual(['Email+Web', 'Phone']);
  });

  it('refuses what it cannot push down, before any query', async () => {
    const { connector } = await h.open();
    h.emulator.counters.reset();
    await expect(h.read(connector, { object: 'contact', fields: [], filter: { field: 'gendercode', op: 'startsWith', value: '1' } })).rejects.toBeInstanceOf(
      UnsupportedFilterError,
    );
    await expect(h.read(connector, { object: 'contact', fields: [], filter: { field: 'nosuchcolumn', op: 'eq', value: '1' } })).rejects.toBeInstanceOf(
      InvalidFilterError,
    );
    expect(h.emulator.counters.get('query')).toBe(0);
  });
});
