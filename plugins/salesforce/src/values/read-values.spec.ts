import { parseJsonLossless } from '@crm-hub/plugin-sdk';
import { atScale, toCanonical } from './read-values';

describe(toCanonical.name, () => {
  it('writes decimals with the field scale, whatever the transport sent', () => {
    expect(toCanonical('currency', '19.9', 2)).toBe('19.90');
    expect(toCanonical('currency', '19.90', 2)).toBe('19.90');
    expect(toCanonical('decimal', '316.0', 0)).toBe('316');
    expect(toCanonical('decimal', '1.0E7', 0)).toBe('10000000');
    expect(toCanonical('percent', 7, 2)).toBe('7.00');
    expect(toCanonical('currency', '12345678901234567.8', 2)).toBe('12345678901234567.80');
  });

  it('converts the other types, and empty cells to null', () => {
    expect(toCanonical('multi-enum', 'Api;Sso')).toEqual(['Api', 'Sso']);
    expect(toCanonical('datetime', '2026-03-01T10:00:00.000+0000')).toBe('2026-03-01T10:00:00.000Z');
    expect(toCanonical('time', '09:30:00.000Z')).toBe('09:30:00.000');
    expect(toCanonical('boolean', 'false')).toBe(false);
    expect(toCanonical('integer', '42')).toBe(42);
    expect(toCanonical('string', '')).toBeNull();
    expect(() => toCanonical('string', 42)).toThrow(TypeError);
  });
});

describe(`${toCanonical.name} of doubles printed as Java prints them (REST) or as JavaScript does (Bulk CSV)`, () => {
  it.each([
    ['1234567.0', 2, '1234567.00'],
    ['1.2345678E7', 2, '12345678.00'],
    ['1.2345678901234568E17', 0, '123456789012345680'],
    ['-1.5E-7', 8, '-0.00000015'],
    ['1.0E-4', 15, '0.000100000000000'],
    ['1e+21', 0, '1000000000000000000000'],
  ])('reads %s at scale %i as %s', (text, scale, canonical) => {
    expect(toCanonical('decimal', text, scale)).toBe(canonical);
  });
});

describe('REST answers parsed by the SDK (parseJsonLossless), then made canonical', () => {
  it("keeps Salesforce's Java-printed doubles as their text, exponents included, so no float rounds them", () => {
    const body = '{"totalSize":1,"records":[{"a":1234567.0,"b":1.2345678E7,"c":1.0E-4,"d":-1.5E-7,"e":9.999999999999998E13,"n":42}]}';
    const { records } = parseJsonLossless(body) as { records: Record<string, unknown>[] };
    expect(records[0]).toEqual({ a: '1234567.0', b: '1.2345678E7', c: '1.0E-4', d: '-1.5E-7', e: '9.999999999999998E13', n: 42 });
    expect(toCanonical('currency', records[0]?.['e'], 2)).toBe('99999999999999.98');
    expect(toCanonical('integer', records[0]?.['n'])).toBe(42);
  });
});

describe(atScale.name, () => {
  it('never drops a non-zero digit', () => {
    expect(atScale('1.005', 2)).toBe('1.005');
    expect(atScale('-0.50', 1)).toBe('-0.5');
    expect(atScale('12', 3)).toBe('12.000');
  });
});
