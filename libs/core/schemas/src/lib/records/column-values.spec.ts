import type { HubColumnType } from '@crm-hub/persistence';
import type { CanonicalType } from '@crm-hub/plugin-sdk';
import { toColumnValue, type ColumnTarget } from './column-values';

const target = (type: HubColumnType, canonicalType: CanonicalType): ColumnTarget => ({ field: 'F', column: 'f', type, canonicalType, conversion: 'default' });
const stored = (value: unknown, type: HubColumnType, canonicalType: CanonicalType) => toColumnValue(value, target(type, canonicalType), 'sqlite', 'UTC');

describe('toColumnValue', () => {
  it.each([
    ['12.34', 4, 2],
    ['-12.34', 4, 2],
    ['0.5', 3, 2],
    ['00012.3400', 4, 2],
    ['99', 2, 0],
    ['-0.000', 1, 0],
  ])('stores the decimal %p in a (%p, %p) column', (value, precision, scale) => {
    expect(stored(value, { kind: 'decimal', precision, scale }, 'decimal')).toEqual({ ok: true, value: expect.any(String) });
  });

  it.each([
    ['12.345', 5, 2, '3 decimals, the column keeps 2'],
    ['123.4', 4, 2, '3 digits before the point, the column holds 2'],
    ['-100', 2, 0, '3 digits before the point, the column holds 2'],
    ['0.001', 3, 2, '3 decimals, the column keeps 2'],
  ])('refuses the decimal %p in a (%p, %p) column, saying why', (value, precision, scale, reason) => {
    expect(stored(value, { kind: 'decimal', precision, scale }, 'decimal')).toEqual({ ok: false, code: 'VALUE_OUT_OF_RANGE', reason: expect.stringContaining(reason) });
  });

  it('counts characters, not UTF-16 units, against a varchar length', () => {
    expect(stored('😀😀😀', { kind: 'varchar', length: 3 }, 'string')).toEqual({ ok: true, value: '😀😀😀' });
    expect(stored('😀😀😀😀', { kind: 'varchar', length: 3 }, 'string')).toEqual({ ok: false, code: 'VALUE_TOO_LONG', reason: '4 characters, the column holds 3' });
    expect(stored('abc', { kind: 'varchar', length: 3 }, 'string')).toEqual({ ok: true, value: 'abc' });
  });

  it('stores instants in one canonical text form and refuses impossible ones', () => {
    expect(stored('2026-03-01T10:00:00Z', { kind: 'timestamp' }, 'datetime')).toEqual({ ok: true, value: '2026-03-01T10:00:00.000Z' });
    expect(stored('2026-03-01T12:00:00+02:00', { kind: 'timestamp' }, 'datetime')).toEqual({ ok: true, value: '2026-03-01T10:00:00.000Z' });
    expect(stored('2026-02-30T10:00:00.000Z', { kind: 'timestamp' }, 'datetime')).toMatchObject({ ok: false, code: 'INVALID_VALUE' });
  });
});
