import { InvalidFilterError, UnsupportedFilterError } from './errors';
import { assertValidFilter, filterFields, validateFilter } from './filters';

describe(validateFilter.name, () => {
  it('accepts every operator in nested and/or/not', () => {
    const filter = {
      and: [
        { field: 'A', op: 'eq', value: 'x' },
        { or: [{ field: 'B', op: 'in', value: [1, 2] }, { not: { field: 'C', op: 'isNull' } }] },
        { field: 'D', op: 'startsWith', value: 'Ac' },
        { field: 'E', op: 'ge', value: '2026-01-01T00:00:00.000Z' },
        { field: 'F', op: 'isNull', value: false },
        { field: 'G', op: 'contains', value: 'Gold' },
      ],
    };
    expect(validateFilter(filter)).toEqual([]);
  });

  it('locates each problem by its path', () => {
    const problems = validateFilter({
      and: [{ field: 'A', op: 'like', value: 'x' }, { or: [] }, { field: '', op: 'eq', value: 1 }, { field: 'B', op: 'in', value: [] }],
    });
    expect(problems.map((p) => p.path)).toEqual(['and[0]', 'and[1].or', 'and[2]', 'and[3]']);
    expect(problems[0]?.message).toMatch(/'op' must be one of/);
  });

  it('refuses null comparisons, unknown fields and keys, and abusive nesting', () => {
    expect(validateFilter({ field: 'A', op: 'eq', value: null })[0]?.message).toMatch(/use \{op: 'isNull'\}/);
    expect(validateFilter({ field: 'Z', op: 'eq', value: 1 }, { fields: ['A'] })[0]?.message).toBe("unknown field 'Z'");
    expect(validateFilter({ field: 'A', op: 'eq', value: 1, typo: true })[0]?.message).toMatch(/unknown key/);
    let deep: unknown = { field: 'A', op: 'eq', value: 1 };
    for (let i = 0; i < 40; i++) deep = { not: deep };
    expect(validateFilter(deep).some((p) => /nested deeper/.test(p.message))).toBe(true);
  });
});

describe(assertValidFilter.name, () => {
  it('throws InvalidFilterError for malformed filters', () => {
    expect(() => assertValidFilter({ or: [] })).toThrow(InvalidFilterError);
  });

  it('throws UnsupportedFilterError naming the node the plugin cannot push down', () => {
    const node = { field: 'Name', op: 'contains', value: 'Ac' };
    try {
      assertValidFilter({ and: [{ field: 'A', op: 'eq', value: 1 }, node] }, { operators: ['eq'] });
      throw new Error('expected a throw');
    } catch (err) {
      expect(err).toBeInstanceOf(UnsupportedFilterError);
      expect(err).toMatchObject({ node, path: 'and[1]' });
      expect((err as Error).message).toMatch(/operator 'contains' on field 'Name' is not supported/);
    }
  });
});

describe(filterFields.name, () => {
  it('lists each field once', () => {
    expect(filterFields({ or: [{ field: 'A', op: 'eq', value: 1 }, { not: { field: 'A', op: 'isNull' } }, { field: 'B', op: 'isNull' }] })).toEqual(['A', 'B']);
  });
});
