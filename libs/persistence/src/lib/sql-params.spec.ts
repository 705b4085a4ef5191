import { SqlParams } from './sql-params';

describe(SqlParams.name, () => {
  it('binds the rows of an insert on SQLite in order, one placeholder per value, booleans as 0/1', () => {
    const params = new SqlParams('sqlite');
    const source = params.rows(
      [
        ['a', true, 1],
        ['b', false, null],
        ['c', 2],
        ['d', 3],
        ['e', null, 'x', 4],
      ],
      ['text', 'boolean', 'bigint'],
      ["'crm'", '1'],
    );
    expect(source).toBe("VALUES (?, ?, ?, 'crm', 1), (?, ?, ?, 'crm', 1), (?, ?, 'crm', 1), (?, ?, 'crm', 1), (?, ?, ?, ?, 'crm', 1)");
    expect(params.values).toEqual(['a', 1, 1, 'b', 0, null, 'c', 2, 'd', 3, 'e', null, 'x', 4]);
  });

  it('numbers the placeholders after those already bound on SQLite and PostgreSQL alike', () => {
    const sqlite = new SqlParams('sqlite');
    expect(`${sqlite.add('job')} ${sqlite.rows([['a'], ['b']], ['text'])}`).toBe('? VALUES (?), (?)');
    expect(sqlite.values).toEqual(['job', 'a', 'b']);
    const postgres = new SqlParams('postgres');
    expect(`${postgres.add('job')} ${postgres.rows([['a', true], ['b', null]], ['text', 'boolean'], ["'crm'"])}`).toBe(
      "$1 SELECT u.*, 'crm' FROM unnest($2::text[], $3::boolean[]) AS u",
    );
    expect(postgres.values).toEqual(['job', ['a', 'b'], [true, null]]);
  });
});
