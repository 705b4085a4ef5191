import { javaDoubleText, roundHalfUp } from './sf-numbers';

describe(javaDoubleText.name, () => {
  it.each([
    [1234567, '1234567.0'],
    [12345678, '1.2345678E7'],
    [10_000_000, '1.0E7'],
    [100, '100.0'],
    [12.5, '12.5'],
    [0.001, '0.001'],
    [0.0001, '1.0E-4'],
    [-42.25, '-42.25'],
    [0, '0.0'],
  ])('prints %p as Java prints a double: %s', (value, text) => {
    expect(javaDoubleText(value)).toBe(text);
    expect(Number(text)).toBe(value);
  });
});

describe(roundHalfUp.name, () => {
  it.each([
    [1.005, 2, 1.01],
    [2.675, 2, 2.68],
    [-1.005, 2, -1.01],
    [12.344, 2, 12.34],
    [0.5, 0, 1],
    [1234.5678, 0, 1235],
    // A double holds ~16 significant digits: Salesforce's own help (000394530) shows the same rounding.
    [Number('99999999999999.99'), 2, 99999999999999.98],
  ])('rounds %p to %p decimals on its decimal digits: %p', (value, scale, expected) => {
    expect(roundHalfUp(value, scale)).toBe(expected);
  });
});
