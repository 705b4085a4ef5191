import type { CanonicalType, CrmField } from '@crm-hub/plugin-sdk';
import { canonicalProblem, checkpointProblem } from './canonical-checks';

const field = (type: CanonicalType): CrmField => ({
  name: 'F',
  label: 'F',
  nativeType: 'x',
  type,
  nullable: true,
  createable: true,
  updateable: true,
  externalId: false,
  unique: false,
});

describe(canonicalProblem.name, () => {
  it.each<[CanonicalType, unknown]>([
    ['string', 'a'],
    ['enum', 'Gold'],
    ['multi-enum', ['1', '9']],
    ['integer', 42],
    ['currency', '12.50'],
    ['decimal', '-0.0000001'],
    ['boolean', false],
    ['date', '2026-02-28'],
    ['datetime', '2026-03-01T10:00:00.000Z'],
    ['time', '09:30:00.000'],
    ['address', { street: '1 Main St' }],
    ['json', { a: [1, null] }],
    ['binary', 'aGVsbG8='],
    ['percent', null],
  ])('accepts %s %j', (type, value) => {
    expect(canonicalProblem(field(type), value)).toBeUndefined();
  });

  it.each<[CanonicalType, unknown]>([
    ['string', 5],
    ['multi-enum', 'Gold;Silver'],
    ['integer', 4.2],
    ['integer', '42'],
    ['currency', 12.5],
    ['decimal', '1e3'],
    ['decimal', '0012.5'],
    ['boolean', 'true'],
    ['date', '2026-02-30'],
    ['date', '2026-02-28T00:00:00.000Z'],
    ['datetime', '2026-03-01T10:00:00Z'],
    ['datetime', '2026-03-01T10:00:00.000+01:00'],
    ['time', '09:30'],
    ['address', 'Main St'],
    ['binary', 'not base64!'],
    ['string', undefined],
  ])('refuses %s %j', (type, value) => {
    expect(canonicalProblem(field(type), value)).toEqual(expect.any(String));
  });
});

describe(checkpointProblem.name, () => {
  it('accepts a flat object of strings, finite numbers, booleans and nulls', () => {
    expect(checkpointProblem({ modstamp: '2026-01-01T00:00:00.000Z', id: '003', page: 2, done: false, token: null })).toBeUndefined();
  });

  it.each([
    [{ cursor: { page: 2 } }, /value 'cursor' is object/],
    [{ ids: ['a'] }, /value 'ids' is an array/],
    [{ n: Number.NaN }, /value 'n' is number/],
    [{ at: new Date(0) }, /value 'at' is object/],
    [['a'], /an array, not a flat object/],
    [null, /null, not a flat object/],
  ])('refuses %j', (checkpoint, message) => {
    expect(checkpointProblem(checkpoint)).toMatch(message);
  });
});
