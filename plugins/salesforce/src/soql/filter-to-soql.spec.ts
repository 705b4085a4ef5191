import { CrmNotFoundError, InvalidFilterError, UnsupportedFilterError, type FilterExpr } from '@crm-hub/plugin-sdk';
import { subscriptionDescribe } from '../__fixtures__/describe-samples';
import { ObjectModel } from '../describe/object-model';
import { filterToSoql } from './filter-to-soql';

const model = new ObjectModel(subscriptionDescribe);
const soql = (expr: FilterExpr): string => filterToSoql(expr, model);

describe(filterToSoql.name, () => {
  it.each<[string, FilterExpr, string]>([
    ['eq on text', { field: 'Name', op: 'eq', value: 'Acme' }, "Name = 'Acme'"],
    ['ne on text', { field: 'Name', op: 'ne', value: 'Acme' }, "Name != 'Acme'"],
    ['gt on currency, bare', { field: 'Amount__c', op: 'gt', value: '10.50' }, 'Amount__c > 10.50'],
    ['ge on a number', { field: 'Seats__c', op: 'ge', value: 3 }, 'Seats__c >= 3'],
    ['lt on a percent', { field: 'Discount__c', op: 'lt', value: 12.5 }, 'Discount__c < 12.5'],
    ['le on an integer', { field: 'Licences__c', op: 'le', value: '1e3' }, 'Licences__c <= 1000'],
    ['in on a picklist', { field: 'Plan__c', op: 'in', value: ['Basic', 'Premium'] }, "Plan__c IN ('Basic', 'Premium')"],
    ['in on numbers, bare', { field: 'Amount__c', op: 'in', value: [1, '2.50'] }, 'Amount__c IN (1, 2.50)'],
    ['contains on text', { field: 'Name', op: 'contains', value: 'cme' }, "Name LIKE '%cme%'"],
    ['startsWith on an email', { field: 'Contact_Email__c', op: 'startsWith', value: 'ada@' }, "Contact_Email__c LIKE 'ada@%'"],
    ['isNull', { field: 'Account__c', op: 'isNull' }, 'Account__c = null'],
    ['isNull true', { field: 'Account__c', op: 'isNull', value: true }, 'Account__c = null'],
    ['isNull false', { field: 'Account__c', op: 'isNull', value: false }, 'Account__c != null'],
    ['eq on a boolean, bare', { field: 'Active__c', op: 'eq', value: true }, 'Active__c = true'],
    ["a boolean given as 'false'", { field: 'Active__c', op: 'ne', value: 'false' }, 'Active__c != false'],
    ['a date, unquoted', { field: 'Start_Date__c', op: 'ge', value: '2026-02-28' }, 'Start_Date__c >= 2026-02-28'],
    ['a datetime, unquoted, in UTC', { field: 'Renewal_At__c', op: 'lt', value: '2026-03-01T12:00:00+02:00' }, 'Renewal_At__c < 2026-03-01T10:00:00Z'],
    ['a datetime keeping milliseconds', { field: 'Renewal_At__c', op: 'eq', value: '2026-03-01T10:00:00.250Z' }, 'Renewal_At__c = 2026-03-01T10:00:00.250Z'],
    ['a time, unquoted', { field: 'Billing_Time__c', op: 'gt', value: '09:30' }, 'Billing_Time__c > 09:30:00.000Z'],
    ['an id range (keyset paging)', { field: 'Id', op: 'gt', value: 'a0X000000000001AAA' }, "Id > 'a0X000000000001AAA'"],
    ['multi-select eq: the exact set', { field: 'Features__c', op: 'eq', value: 'Api;Sso' }, "Features__c = 'Api;Sso'"],
    ['multi-select contains: INCLUDES', { field: 'Features__c', op: 'contains', value: 'Sso' }, "Features__c INCLUDES ('Sso')"],
    ['multi-select in: INCLUDES any', { field: 'Features__c', op: 'in', value: ['Api', 'Sso'] }, "Features__c INCLUDES ('Api', 'Sso')"],
    ['combobox like text', { field: 'Tags__c', op: 'startsWith', value: 'Ho' }, "Tags__c LIKE 'Ho%'"],
  ])('translates %s', (_what, expr, expected) => {
    expect(soql(expr)).toBe(expected);
  });

  it('escapes quotes, backslashes and line breaks in string literals', () => {
    expect(soql({ field: 'Name', op: 'eq', value: 'O\'Brien "Co" \\ 1\n2\t3' })).toBe("Name = 'O\\'Brien \\\"Co\\\" \\\\ 1\\n2\\t3'");
  });

  it('escapes LIKE wildcards so they match themselves', () => {
    expect(soql({ field: 'Name', op: 'contains', value: "50%_off'" })).toBe("Name LIKE '%50\\%\\_off\\'%'");
    expect(soql({ field: 'Name', op: 'startsWith', value: 'a\\b' })).toBe("Name LIKE 'a\\\\b%'");
  });

  it('parenthesises mixed and/or/not, as SOQL requires', () => {
    const expr: FilterExpr = {
      and: [
        { or: [{ field: 'Plan__c', op: 'eq', value: 'Basic' }, { field: 'Amount__c', op: 'gt', value: 100 }] },
        { not: { field: 'Features__c', op: 'contains', value: 'Api' } },
        { field: 'Start_Date__c', op: 'lt', value: '2026-01-01' },
      ],
    };
    expect(soql(expr)).toBe(
      "((Plan__c = 'Basic' OR Amount__c > 100) AND (NOT Features__c INCLUDES ('Api')) AND Start_Date__c < 2026-01-01)",
    );
  });

  it.each<[string, FilterExpr, string]>([
    ['LIKE on a number', { field: 'Amount__c', op: 'contains', value: '1' }, "operator 'contains' is not supported on field 'Amount__c'"],
    ['ordering a picklist', { field: 'Plan__c', op: 'gt', value: 'Basic' }, "operator 'gt' is not supported on field 'Plan__c'"],
    ['ordering a boolean', { field: 'Active__c', op: 'lt', value: true }, "operator 'lt' is not supported"],
    ['LIKE on an id', { field: 'Account__c', op: 'startsWith', value: '001' }, "operator 'startsWith' is not supported"],
    ['a long text area', { field: 'Notes__c', op: 'eq', value: 'x' }, "field 'Notes__c' (textarea) cannot be filtered"],
    ['a compound field', { field: 'Site__c', op: 'isNull' }, "field 'Site__c' (location) cannot be filtered"],
    ["a multi-select value holding ';'", { field: 'Features__c', op: 'contains', value: 'Api;Sso' }, "contains ';'"],
  ])('refuses %s with UnsupportedFilterError naming the node', (_what, node, message) => {
    const expr: FilterExpr = { and: [{ field: 'Name', op: 'eq', value: 'x' }, { or: [{ field: 'Name', op: 'ne', value: 'y' }, node] }] };
    let error: unknown;
    try {
      soql(expr);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UnsupportedFilterError);
    expect((error as UnsupportedFilterError).path).toBe('and[1].or[1]');
    expect((error as UnsupportedFilterError).node).toEqual(node);
    expect((error as Error).message).toContain(message);
  });

  it('answers an unknown field with CrmNotFoundError', () => {
    expect(() => soql({ field: 'Nope__c', op: 'eq', value: 1 })).toThrow(CrmNotFoundError);
  });

  it('answers a value that does not fit the field with InvalidFilterError', () => {
    expect(() => soql({ field: 'Amount__c', op: 'eq', value: 'ten' })).toThrow(InvalidFilterError);
    expect(() => soql({ field: 'Start_Date__c', op: 'eq', value: '2026-02-30' })).toThrow(InvalidFilterError);
    expect(() => soql({ field: 'Active__c', op: 'eq', value: 'yes' })).toThrow(InvalidFilterError);
    expect(() => soql({ field: 'Name', op: 'eq', value: 'bell\u0007' })).toThrow(InvalidFilterError);
  });
});
