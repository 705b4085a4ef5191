import {
  CanonicalValueError,
  formatMultiEnum,
  parseMultiEnum,
  toBoolean,
  toDecimalString,
  toInteger,
  toIsoDate,
  toIsoDateTime,
  toIsoTime,
} from './values';

describe('canonical values', () => {
  it.each([
    ['0012.50', '12.50'],
    ['-0.0', '0.0'],
    ['+7', '7'],
    ['.5', '0.5'],
    ['1.5e3', '1500'],
    ['12345678901234567890.123456789', '12345678901234567890.123456789'],
    [1e-7, '0.0000001'],
    [0.1, '0.1'],
    [1e21, '1000000000000000000000'],
    [-42, '-42'],
    ['-0', '0'],
    ['00', '0'],
    ['0.50', '0.50'],
    ['1.', '1'],
    ['-12.340', '-12.340'],
    ['-000.000', '0.000'],
  ])('toDecimalString(%p) is %p', (input, expected) => {
    expect(toDecimalString(input)).toBe(expected);
  });

  it('keeps big integers exact', () => {
    expect(toDecimalString(2n ** 70n)).toBe('1180591620717411303424');
  });

  it.each(['', 'abc', '1.2.3', '1e', Number.NaN, Infinity])('refuses %p as a decimal', (bad) => {
    expect(() => toDecimalString(bad as string)).toThrow(CanonicalValueError);
  });

  it.each([
    ['2026-03-01T10:00:00.000+0000', '2026-03-01T10:00:00.000Z'],
    ['2026-03-01T12:00:00+02:00', '2026-03-01T10:00:00.000Z'],
    ['2026-03-01T10:00:00Z', '2026-03-01T10:00:00.000Z'],
    ['2026-03-01T10:00:00.1234567Z', '2026-03-01T10:00:00.123Z'],
    ['2026-03-01 10:00Z', '2026-03-01T10:00:00.000Z'],
  ])('toIsoDateTime(%p) is %p', (input, expected) => {
    expect(toIsoDateTime(input)).toBe(expected);
  });

  it('refuses datetimes without an offset or on impossible days', () => {
    expect(() => toIsoDateTime('2026-03-01T10:00:00')).toThrow(/with an offset/);
    expect(() => toIsoDateTime('2026-02-30T10:00:00Z')).toThrow(CanonicalValueError);
    expect(toIsoDateTime(new Date(Date.UTC(2026, 0, 1)))).toBe('2026-01-01T00:00:00.000Z');
  });

  it('refuses impossible values that already look canonical (the fast path proves them too)', () => {
    for (const value of ['2026-02-30T10:00:00.000Z', '2026-02-30T10:00:00Z', '2026-13-01T10:00:00.000Z', '2026-01-01T24:30:00.000Z', '2026-01-01T10:60:00Z', '2026-01-01T10:00:00.00xZ']) {
      expect(() => toIsoDateTime(value)).toThrow(CanonicalValueError);
    }
    expect(toIsoDateTime('2024-02-29T23:59:59.999Z')).toBe('2024-02-29T23:59:59.999Z');
    expect(toIsoDateTime('2024-02-29T23:59:59Z')).toBe('2024-02-29T23:59:59.000Z');
    for (const value of ['2026-02-29', '2100-02-29', '2026-04-31', '2026-00-10', '2026-1a-10']) expect(() => toIsoDate(value)).toThrow(CanonicalValueError);
    expect(toIsoDate('2000-02-29')).toBe('2000-02-29');
  });

  it('gives the same answer on its fast path as on its general one, day by day over four years', () => {
    for (let t = Date.UTC(2023, 0, 1, 13, 7, 9, 42); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
      const iso = new Date(t).toISOString();
      expect(toIsoDateTime(iso)).toBe(iso);
      expect(toIsoDateTime(`${iso.slice(0, 19)}Z`)).toBe(`${iso.slice(0, 19)}.000Z`);
      expect(toIsoDateTime(`${iso.slice(0, 19)}+00:00`)).toBe(`${iso.slice(0, 19)}.000Z`);
      expect(toIsoDate(iso.slice(0, 10))).toBe(iso.slice(0, 10));
    }
  });

  it('handles dates and times', () => {
    expect(toIsoDate('2024-02-29')).toBe('2024-02-29');
    expect(toIsoDate('2026-02-28T23:30:00-05:00')).toBe('2026-02-28');
    expect(() => toIsoDate('2026-02-29')).toThrow(CanonicalValueError);
    expect(toIsoTime('09:30')).toBe('09:30:00.000');
    expect(toIsoTime('23:59:59.5Z')).toBe('23:59:59.500');
    expect(() => toIsoTime('24:00')).toThrow(CanonicalValueError);
  });

  it('converts integers and booleans strictly', () => {
    expect(toInteger('42')).toBe(42);
    expect(() => toInteger(4.2)).toThrow(CanonicalValueError);
    expect(() => toInteger('9007199254740993')).toThrow(CanonicalValueError);
    expect(toBoolean('TRUE')).toBe(true);
    expect(() => toBoolean('yes')).toThrow(CanonicalValueError);
  });

  it('round-trips multi-select values of both CRMs', () => {
    expect(parseMultiEnum('Gold;Silver', ';')).toEqual(['Gold', 'Silver']);
    expect(parseMultiEnum('1, 9', ',')).toEqual(['1', '9']);
    expect(parseMultiEnum(null, ';')).toEqual([]);
    expect(parseMultiEnum('', ';')).toEqual([]);
    expect(formatMultiEnum(['1', '9'], ',')).toBe('1,9');
    expect(() => formatMultiEnum(['a;b'], ';')).toThrow(CanonicalValueError);
  });
});
