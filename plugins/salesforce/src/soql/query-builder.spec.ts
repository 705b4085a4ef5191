import { buildSoql } from './query-builder';
import { soqlDateTime, soqlLikePattern, soqlNumber, soqlString, soqlTime } from './soql-literals';

describe(buildSoql.name, () => {
  it('writes SELECT … FROM … WHERE … ORDER BY with conditions ANDed and fields de-duplicated', () => {
    expect(
      buildSoql({
        object: 'Contact',
        select: ['Id', 'SystemModstamp', 'LastName', 'Id'],
        where: ["LastName = 'Ada'", '', 'IsDeleted = true'],
        orderBy: ['SystemModstamp', 'Id'],
      }),
    ).toBe("SELECT Id, SystemModstamp, LastName FROM Contact WHERE LastName = 'Ada' AND IsDeleted = true ORDER BY SystemModstamp, Id");
  });

  it('leaves out empty WHERE and ORDER BY clauses', () => {
    expect(buildSoql({ object: 'Account', select: ['Id'], where: [''] })).toBe('SELECT Id FROM Account');
  });
});

describe(soqlString.name, () => {
  it('refuses control characters it cannot escape', () => {
    expect(() => soqlString('a\u0000b')).toThrow(TypeError);
  });
});

describe(soqlLikePattern.name, () => {
  it('escapes % and _ after quoting', () => {
    expect(soqlLikePattern('100%', '', '%')).toBe("'100\\%%'");
  });
});

describe(soqlDateTime.name, () => {
  it('writes UTC without zero milliseconds', () => {
    expect(soqlDateTime('2026-03-01T10:00:00.000+0000')).toBe('2026-03-01T10:00:00Z');
    expect(soqlDateTime(Date.UTC(2026, 0, 1, 0, 0, 0, 5))).toBe('2026-01-01T00:00:00.005Z');
  });
});

describe(soqlNumber.name, () => {
  it('keeps every digit and drops exponents', () => {
    expect(soqlNumber('12345678901234567.89')).toBe('12345678901234567.89');
    expect(soqlNumber('-1.5E3')).toBe('-1500');
  });
});

describe(soqlTime.name, () => {
  it('adds milliseconds and the Z Salesforce writes', () => {
    expect(soqlTime('23:59:59.5')).toBe('23:59:59.500Z');
  });
});
