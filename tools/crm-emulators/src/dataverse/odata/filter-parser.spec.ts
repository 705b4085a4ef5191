import { MetadataRegistry } from '../metadata/metadata-registry';
import type { StoredRow } from '../store/row-types';
import { parseFilter } from './filter-parser';
import { compileRowFilter } from './row-filter';

describe(parseFilter.name, () => {
  it('parses precedence, parentheses, functions and typed literals', () => {
    expect(parseFilter("name eq 'O''Neil' or not startswith(name,'a') and revenue ge 1.5")).toEqual({
      type: 'or',
      left: { type: 'compare', op: 'eq', left: { kind: 'property', path: ['name'], raw: 'name' }, right: { kind: 'literal', literal: { type: 'string', value: "O'Neil", raw: "'O''Neil'" } } },
      right: {
        type: 'and',
        left: { type: 'not', operand: { type: 'text', fn: 'startswith', property: { kind: 'property', path: ['name'], raw: 'name' }, value: { kind: 'literal', literal: { type: 'string', value: 'a', raw: "'a'" } } } },
        right: { type: 'compare', op: 'ge', left: { kind: 'property', path: ['revenue'], raw: 'revenue' }, right: { kind: 'literal', literal: { type: 'number', value: 1.5, raw: '1.5' } } },
      },
    });
    const crm = parseFilter("Microsoft.Dynamics.CRM.ContainValues(PropertyName='new_channels',PropertyValues=['1','2'])");
    expect(crm).toEqual({
      type: 'crm',
      fn: 'ContainValues',
      params: {
        PropertyName: { type: 'string', value: 'new_channels', raw: "'new_channels'" },
        PropertyValues: [{ type: 'string', value: '1', raw: "'1'" }, { type: 'string', value: '2', raw: "'2'" }],
      },
    });
    const literals = parseFilter('a eq 2026-01-01T10:00:00Z and b eq 2026-01-01 and c eq 7C8D6E1B-0000-4000-8000-000000000001 and d eq null');
    expect(JSON.stringify(literals)).toContain('"type":"datetime","value":1767261600000');
    expect(JSON.stringify(literals)).toContain('"type":"date","value":"2026-01-01"');
    expect(JSON.stringify(literals)).toContain('"type":"guid","value":"7c8d6e1b-0000-4000-8000-000000000001"');
  });

  it('reports syntax errors with their position, as the service does', () => {
    expect(() => parseFilter("name eq 'x' and")).toThrow("Syntax error at position 15 in 'name eq 'x' and'.");
    expect(() => parseFilter('name eq')).toThrow(/Syntax error/);
    expect(() => parseFilter("tolower(name) eq 'x'")).toThrow(/unknown function with name 'tolower'/);
  });
});

describe(compileRowFilter.name, () => {
  const registry = new MetadataRegistry();
  const account = registry.table('account');
  const matches = (filter: string, row: StoredRow) => compileRowFilter(parseFilter(filter), account, registry)(row);

  it('uses SQL three-valued logic: comparisons with a null column are neither true nor false', () => {
    const noPhone: StoredRow = { name: 'A' };
    expect(matches("telephone1 ne '555'", noPhone)).toBe(false);
    expect(matches("not (telephone1 eq '555')", noPhone)).toBe(false);
    expect(matches("telephone1 eq null or name eq 'a'", noPhone)).toBe(true);
    expect(matches('telephone1 ne null', noPhone)).toBe(false);
  });

  it('compares text without case, dates as instants, lookups by id', () => {
    const row: StoredRow = {
      name: 'Contoso',
      modifiedon: Date.parse('2026-01-01T10:00:00Z'),
      parentaccountid: { id: '7c8d6e1b-0000-4000-8000-000000000001', table: 'account' },
    };
    expect(matches("name eq 'CONTOSO'", row)).toBe(true);
    expect(matches('modifiedon ge 2026-01-01T10:00:00Z and modifiedon lt 2026-01-01T10:00:01Z', row)).toBe(true);
    expect(matches('_parentaccountid_value eq 7C8D6E1B-0000-4000-8000-000000000001', row)).toBe(true);
  });

  it('reads contains/startswith/endswith values as LIKE patterns, wildcards and brackets included', () => {
    const row: StoredRow = { name: '100% sure', telephone1: '100' };
    expect(matches("contains(name,'100[%]')", row)).toBe(true);
    expect(matches("contains(name,'100[%] s_re')", row)).toBe(true);
    expect(matches("startswith(telephone1,'1_0')", row)).toBe(true);
    expect(matches("endswith(name,'[^a]ure')", row)).toBe(true);
    expect(matches("contains(name,'[0-9][0-9]x')", row)).toBe(false);
    expect(matches("contains(name,'(sure')", row)).toBe(false);
  });

  it('refuses unknown properties and incompatible literal types', () => {
    expect(() => matches("Name eq 'x'", {})).toThrow("Could not find a property named 'Name' on type 'Microsoft.Dynamics.CRM.account'.");
    expect(() => matches("industrycode eq '1'", {})).toThrow(/incompatible types.*'Edm.Int32' and 'Edm.String'/);
    expect(() => matches("_parentaccountid_value eq '7c8d6e1b-0000-4000-8000-000000000001'", {})).toThrow(/'Edm.Guid' and 'Edm.String'/);
  });
});
