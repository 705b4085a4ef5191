import { compareDecimals } from './sqlite-functions';

describe(compareDecimals.name, () => {
  it('compares exactly, whatever the scale or the form', () => {
    expect(compareDecimals('10.50', '10.5')).toBe(0);
    expect(compareDecimals('10.5', 10.5)).toBe(0);
    expect(compareDecimals('-0.00', '0')).toBe(0);
    expect(compareDecimals('9.99', '10')).toBe(-1);
    expect(compareDecimals('-2', '-10.5')).toBe(1);
    // Beyond a double's 17 digits: CAST(… AS REAL) would call these equal.
    expect(compareDecimals('12345678901234567.01', '12345678901234567.02')).toBe(-1);
    expect(compareDecimals('1e2', '100.000')).toBe(0);
  });

  it('answers null (SQL NULL: no match) for a missing or non-decimal value', () => {
    expect(compareDecimals(null, '1')).toBeNull();
    expect(compareDecimals('abc', '1')).toBeNull();
    expect(compareDecimals('1e99999', '1')).toBeNull();
  });
});
