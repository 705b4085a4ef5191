import { bodyProblems, MAX_JSON_DEPTH, urlProblems } from './request-hygiene';

describe(bodyProblems.name, () => {
  it('accepts ordinary JSON', () => {
    expect(bodyProblems({ name: 'x', config: { list: [1, 'two', { three: null }] } })).toEqual([]);
    expect(bodyProblems(undefined)).toEqual([]);
  });

  it(`refuses nesting deeper than ${MAX_JSON_DEPTH} levels without recursing (100,000 levels)`, () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;
    expect(bodyProblems(deep)).toEqual([{ field: `${'[0]'.repeat(MAX_JSON_DEPTH)}`, message: `is nested deeper than ${MAX_JSON_DEPTH} levels` }]);
    expect(bodyProblems(JSON.parse(`{"a":${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}}`))).toEqual([]);
  });

  it('names NUL characters in values and keys, and prototype keys, by their path (breadth first)', () => {
    const body = JSON.parse('{"name":"a\\u0000","config":{"__proto__":{"x":1},"list":["ok","b\\u0000"],"k\\u0000":1,"auth":{"constructor":1}}}') as unknown;
    expect(bodyProblems(body)).toEqual([
      { field: 'name', message: expect.stringMatching(/NUL/) },
      { field: 'config.__proto__', message: expect.stringMatching(/not allowed as a key/) },
      { field: 'config.k\\u0000', message: expect.stringMatching(/NUL/) },
      { field: 'config.auth.constructor', message: expect.stringMatching(/not allowed as a key/) },
      { field: 'config.list[1]', message: expect.stringMatching(/NUL/) },
    ]);
  });
});

describe(urlProblems.name, () => {
  it('finds %00 in the path or in a query parameter', () => {
    expect(urlProblems('/api/accounts/abc')).toEqual([]);
    expect(urlProblems('/api/accounts/a%00b')).toEqual([{ field: 'path', message: expect.stringMatching(/NUL/) }]);
    expect(urlProblems('/api/schemas?accountId=x%00&limit=1')).toEqual([{ field: 'query.accountId', message: expect.stringMatching(/NUL/) }]);
    expect(urlProblems('/api/schemas?a%00=1')).toEqual([{ field: 'query', message: expect.stringMatching(/parameter name/) }]);
    expect(urlProblems('/api/schemas?filter=%2500')).toEqual([]); // an escaped percent sign, not a NUL
  });
});
