import { RestError } from '../errors';
import { parseSoql } from './soql-parser';

function error(soql: string): RestError {
  try {
    parseSoql(soql);
  } catch (e) {
    return e as RestError;
  }
  throw new Error(`parsed: ${soql}`);
}

describe(parseSoql.name, () => {
  it('parses select lists, relationship paths, nested conditions, ORDER BY, LIMIT and OFFSET', () => {
    const query = parseSoql(
      "select Id, account.Name FROM Contact WHERE (SystemModstamp = 2026-01-01T10:00:00.000Z AND Id > '003gK0000000001') OR SystemModstamp > 2026-01-01T10:00:00Z ORDER BY SystemModstamp, Id DESC NULLS LAST LIMIT 10 OFFSET 5",
    );
    expect(query.fields.map((f) => f.parts)).toEqual([['Id'], ['account', 'Name']]);
    expect(query.where?.kind).toBe('or');
    expect(query.orderBy.map((o) => [o.path.parts[0], o.desc, o.nullsLast])).toEqual([['SystemModstamp', false, false], ['Id', true, true]]);
    expect([query.limit, query.offset]).toEqual([10, 5]);
  });

  it('reads literals: escaped strings, signed numbers, dates, datetimes with offsets, date literals, booleans, null', () => {
    const query = parseSoql(
      "SELECT Id FROM Account WHERE Name = 'O\\'Brien\\\\' AND AnnualRevenue > -1.5 AND CreatedDate < 2026-01-01T10:00:00+02:00 AND LastActivityDate = 2025-12-31 AND CreatedDate = LAST_N_DAYS:7 AND IsDeleted = false AND ParentId = null",
    );
    const values = (query.where as { items: { value: unknown }[] }).items.map((c) => c.value);
    expect(values).toEqual([
      expect.objectContaining({ kind: 'string', value: "O'Brien\\" }),
      expect.objectContaining({ kind: 'number', value: -1.5 }),
      expect.objectContaining({ kind: 'datetime', value: '2026-01-01T10:00:00+02:00' }),
      expect.objectContaining({ kind: 'date', value: '2025-12-31' }),
      expect.objectContaining({ kind: 'dateLiteral', name: 'LAST_N_DAYS', n: 7 }),
      expect.objectContaining({ kind: 'boolean', value: false }),
      expect.objectContaining({ kind: 'null' }),
    ]);
  });

  it('parses IN, NOT IN, LIKE, INCLUDES, EXCLUDES, NOT and COUNT()', () => {
    const query = parseSoql("SELECT COUNT() FROM Subscription__c WHERE NOT Plan__c IN ('Basic') AND Region__c NOT IN ('EMEA', 'APAC') AND Name LIKE 'SUB\\_%' AND Features__c INCLUDES ('Api;Sso', 'Support') AND Features__c EXCLUDES ('Storage')");
    expect(query.countOnly).toBe(true);
    const items = (query.where as { items: { kind: string; op?: string }[] }).items;
    expect(items.map((i) => i.op ?? i.kind)).toEqual(['not', 'not in', 'like', 'includes', 'excludes']);
  });

  it('answers MALFORMED_QUERY with the real message layout (line, caret, row and column)', () => {
    const e = error('SELECT Id,\nFROM Account');
    expect(e.errorCode).toBe('MALFORMED_QUERY');
    expect(e.status).toBe(400);
    expect(e.message).toBe('\nFROM Account\n^\nERROR at Row:2:Column:1\nunexpected token: FROM');
  });

  it('refuses AND and OR side by side without parentheses, as SOQL does', () => {
    expect(error("SELECT Id FROM Account WHERE Name = 'a' AND Type = 'b' OR Rating = 'c'").message).toMatch(/unexpected token: OR$/);
  });

  it.each([
    ['SELECT Id FROM Account GROUP BY Id', /GROUP/],
    ['SELECT Id, (SELECT Id FROM Contacts) FROM Account', /subqueries/],
    ['SELECT MAX(AnnualRevenue) FROM Account', /MAX/],
    ['SELECT FIELDS(ALL) FROM Account LIMIT 200', /FIELDS/],
    ["SELECT Id FROM Account WHERE Name = 'a\\q'", /Illegal character sequence '\\q'/],
    ["SELECT Id FROM Account WHERE Name = 'open", /unexpected token/],
    ['SELECT Id FROM Account LIMIT -1', /unexpected token/],
    ['SELECT Id FROM Account WHERE CreatedDate = NEXT_N_DAYS', /unexpected token/],
    ['SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact)', /semi-join/],
    ['SELECT Id FROM Account; DELETE', /unexpected token: ';'/],
  ])('refuses %s with MALFORMED_QUERY, never a silent answer', (soql, message) => {
    const e = error(soql);
    expect(e.errorCode).toBe('MALFORMED_QUERY');
    expect(e.message).toMatch(message);
  });
});
