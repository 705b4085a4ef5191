import { InvalidFilterError, UnsupportedFilterError, type FilterExpr } from '@crm-hub/plugin-sdk';
import type { AttributeInfo, AttributeKind } from '../metadata/table-info';
import { buildFilter, IN_FUNCTION_THRESHOLD } from './filter-builder';

function column(logicalName: string, kind: AttributeKind, nativeType: string = kind): AttributeInfo {
  return {
    logicalName,
    kind,
    nativeType,
    property: kind === 'lookup' ? `_${logicalName}_value` : logicalName,
    label: logicalName,
    readable: true,
    creatable: true,
    updatable: true,
    required: false,
    primaryId: false,
  };
}

const columns = new Map(
  [
    column('contactid', 'id', 'Uniqueidentifier'),
    column('lastname', 'string', 'String'),
    column('description', 'memo', 'Memo'),
    column('numberofchildren', 'integer', 'Integer'),
    column('creditlimit', 'money', 'Money'),
    column('donotemail', 'boolean', 'Boolean'),
    column('birthdate', 'datetime', 'DateTime'),
    column('modifiedon', 'datetime', 'DateTime'),
    column('statecode', 'enum', 'State'),
    column('new_channels', 'multi-enum', 'MultiSelectPicklistType'),
    column('parentcustomerid', 'lookup', 'Customer'),
  ].map((c) => [c.logicalName, c]),
);
const build = (expr: FilterExpr): string => buildFilter(expr, (field) => columns.get(field));
const GUID = '6f9619ff-8b86-d011-b42d-00c04fc964ff';

describe(buildFilter.name, () => {
  it('writes each comparison operator with a literal typed by the column', () => {
    expect(build({ field: 'lastname', op: 'eq', value: 'Ada' })).toBe("lastname eq 'Ada'");
    expect(build({ field: 'lastname', op: 'ne', value: 'Ada' })).toBe("lastname ne 'Ada'");
    expect(build({ field: 'numberofchildren', op: 'gt', value: 2 })).toBe('numberofchildren gt 2');
    expect(build({ field: 'numberofchildren', op: 'ge', value: '02' })).toBe('numberofchildren ge 2');
    expect(build({ field: 'creditlimit', op: 'lt', value: '12345678901234.5678' })).toBe('creditlimit lt 12345678901234.5678');
    expect(build({ field: 'creditlimit', op: 'le', value: 0.1 })).toBe('creditlimit le 0.1');
    expect(build({ field: 'donotemail', op: 'eq', value: true })).toBe('donotemail eq true');
    expect(build({ field: 'statecode', op: 'eq', value: '1' })).toBe('statecode eq 1');
  });

  it("quotes strings and doubles embedded quotes ('')", () => {
    expect(build({ field: 'lastname', op: 'eq', value: "O'Neil" })).toBe("lastname eq 'O''Neil'");
    expect(build({ field: 'lastname', op: 'eq', value: "''" })).toBe("lastname eq ''''''");
  });

  it('writes GUIDs and lookups bare, lookups through their _x_value property', () => {
    expect(build({ field: 'contactid', op: 'eq', value: GUID.toUpperCase() })).toBe(`contactid eq ${GUID}`);
    expect(build({ field: 'parentcustomerid', op: 'eq', value: GUID })).toBe(`_parentcustomerid_value eq ${GUID}`);
    expect(() => build({ field: 'contactid', op: 'eq', value: "x' or 1 eq 1" })).toThrow(InvalidFilterError);
  });

  it('writes dates as Edm.Date and date-times as UTC Edm.DateTimeOffset literals (v4, unquoted)', () => {
    expect(build({ field: 'birthdate', op: 'eq', value: '1980-02-29' })).toBe('birthdate eq 1980-02-29');
    expect(build({ field: 'modifiedon', op: 'gt', value: '2026-03-01T12:00:00+02:00' })).toBe('modifiedon gt 2026-03-01T10:00:00.000Z');
    expect(() => build({ field: 'modifiedon', op: 'gt', value: '2026-03-01T12:00:00' })).toThrow(InvalidFilterError);
  });

  it('pushes contains and startsWith with the LIKE wildcards escaped', () => {
    expect(build({ field: 'lastname', op: 'contains', value: "100%_[x]'s" })).toBe("contains(lastname,'100[%][_][[]x]''s')");
    expect(build({ field: 'description', op: 'startsWith', value: 'Dr.' })).toBe("startswith(description,'Dr.')");
  });

  it('writes multi-select containment as ContainValues and in on options as eq … or …', () => {
    expect(build({ field: 'new_channels', op: 'contains', value: '727000001' })).toBe(
      "Microsoft.Dynamics.CRM.ContainValues(PropertyName='new_channels',PropertyValues=['727000001'])",
    );
    expect(build({ field: 'new_channels', op: 'in', value: ['1', 9] })).toBe(
      "Microsoft.Dynamics.CRM.ContainValues(PropertyName='new_channels',PropertyValues=['1','9'])",
    );
    expect(build({ field: 'statecode', op: 'in', value: ['0', '1'] })).toBe('(statecode eq 0 or statecode eq 1)');
    expect(build({ field: 'statecode', op: 'in', value: ['0'] })).toBe('statecode eq 0');
  });

  it('uses the In query function for long lists', () => {
    const ids = Array.from({ length: IN_FUNCTION_THRESHOLD + 1 }, (_, i) => `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`);
    const filter = build({ field: 'contactid', op: 'in', value: ids });
    expect(filter.startsWith("Microsoft.Dynamics.CRM.In(PropertyName='contactid',PropertyValues=['00000000-0000-0000-0000-000000000000',")).toBe(true);
    expect(filter.match(/'/g)).toHaveLength(2 * (ids.length + 1));
  });

  it('writes isNull, not and nested and/or', () => {
    const expr: FilterExpr = {
      and: [
        { field: 'lastname', op: 'isNull', value: false },
        { or: [{ field: 'parentcustomerid', op: 'isNull' }, { not: { field: 'lastname', op: 'startsWith', value: 'A' } }] },
      ],
    };
    expect(build(expr)).toBe("(lastname ne null and (_parentcustomerid_value eq null or not (startswith(lastname,'A'))))");
  });

  it('refuses operators a column cannot take, naming the node and its path', () => {
    const node = { field: 'numberofchildren', op: 'startsWith' as const, value: '1' };
    const error = (() => {
      try {
        build({ or: [{ field: 'lastname', op: 'eq', value: 'x' }, node] });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UnsupportedFilterError);
    expect((error as UnsupportedFilterError).node).toEqual(node);
    expect((error as UnsupportedFilterError).path).toBe('or[1]');
    expect(() => build({ field: 'donotemail', op: 'gt', value: 'true' })).toThrow(UnsupportedFilterError);
    expect(() => build({ field: 'new_channels', op: 'startsWith', value: '1' })).toThrow(UnsupportedFilterError);
  });

  it('refuses values that do not fit the column and unknown fields', () => {
    expect(() => build({ field: 'numberofchildren', op: 'eq', value: '1.5' })).toThrow(InvalidFilterError);
    expect(() => build({ field: 'creditlimit', op: 'eq', value: 'ten' })).toThrow(InvalidFilterError);
    expect(() => build({ field: 'donotemail', op: 'eq', value: 'yes' })).toThrow(InvalidFilterError);
    expect(() => build({ field: 'nosuchcolumn', op: 'eq', value: 'x' })).toThrow(InvalidFilterError);
  });
});
