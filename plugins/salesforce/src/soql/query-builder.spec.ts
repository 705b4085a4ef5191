import { buildSoql } from './query-builder';
import { soqlDateTime, soqlLikePattern, soqlNumber, soqlString, soqlTime } from './soql-literals';
import { afterWatermark, compareWatermarks, notAfter } from './watermark';

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

describe(afterWatermark.name, () => {
  it('compares (cursor, Id) tuples strictly, with an unquoted datetime and a quoted id', () => {
    expect(afterWatermark('SystemModstamp', { modstamp: '2026-03-01T10:00:00.000Z', id: "a0X'1" })).toBe(
      "(SystemModstamp > 2026-03-01T10:00:00Z OR (SystemModstamp = 2026-03-01T10:00:00Z AND Id > 'a0X\\'1'))",
    );
  });

  it('starts a whole stamp with >= when no id was read at it yet (Salesforce refuses Id > \'\')', () => {
    expect(afterWatermark('SystemModstamp', { modstamp: '2026-03-01T10:00:00.000Z', id: '' })).toBe('SystemModstamp >= 2026-03-01T10:00:00Z');
  });

  it('bounds reads by the lagged clock', () => {
    expect(notAfter('LastModifiedDate', Date.UTC(2026, 2, 1, 9, 59, 0))).toBe('LastModifiedDate <= 2026-03-01T09:59:00Z');
  });
});

describe(compareWatermarks.name, () => {
  const t = '2026-03-01T10:00:00.000Z';
  it('orders by stamp, then by id, with the empty id first', () => {
    expect(compareWatermarks({ modstamp: t, id: '003A' }, { modstamp: '2026-03-01T10:00:01.000Z', id: '' })).toBeLessThan(0);
    expect(compareWatermarks({ modstamp: t, id: '003B' }, { modstamp: t, id: '003A' })).toBeGreaterThan(0);
    expect(compareWatermarks({ modstamp: t, id: '' }, { modstamp: t, id: '0' })).toBeLessThan(0);
    expect(compareWatermarks({ modstamp: t, id: 'x' }, { modstamp: '2026-03-01T11:00:00+01:00', id: 'x' })).toBe(0);
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
