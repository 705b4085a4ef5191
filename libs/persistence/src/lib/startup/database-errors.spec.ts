import type { DatabaseConfig } from '../database-config';
import { classifyDatabaseError, DatabaseStartupError, isDatabaseBusy } from './database-errors';

const pg: DatabaseConfig = { kind: 'postgres', url: 'postgres://hub:hunter2@db:5432/hub' };
const sqlite: DatabaseConfig = { kind: 'sqlite', path: '/srv/data/hub.sqlite' };
const error = (message: string, code: string) => Object.assign(new Error(message), { code });

describe(classifyDatabaseError.name, () => {
  it.each([
    ['a refused password', error('password authentication failed for user "hub"', '28P01'), /the password was refused/],
    ['an unknown role', error('role "hub" does not exist', '28000'), /the role is unknown/],
    ['a missing database', error('database "hub" does not exist', '3D000'), /the database does not exist/],
    ['no PostgreSQL answer in time', new Error('Connection terminated due to connection timeout'), /No PostgreSQL server answered/],
  ])('PostgreSQL: %s is permanent, reported at once without the password', (_case, err, message) => {
    const failure = classifyDatabaseError(err, pg);
    expect(failure).toEqual({ transient: false, message: expect.stringMatching(message) });
    expect(failure.message).not.toContain('hunter2');
  });

  it.each([
    ['a server starting up', error('the database system is starting up', '57P03')],
    ['too many connections', error('sorry, too many clients already', '53300')],
    ['a refused connection', error('connect ECONNREFUSED 10.0.0.5:5432', 'ECONNREFUSED')],
    ['a name that does not resolve yet', error('getaddrinfo ENOTFOUND db', 'ENOTFOUND')],
  ])('PostgreSQL: %s is retried', (_case, err) => {
    expect(classifyDatabaseError(err, pg).transient).toBe(true);
  });

  it('SQLite: a damaged file is permanent, a lock is retried, a wrapped driver error is recognised', () => {
    expect(classifyDatabaseError(error('database disk image is malformed', 'SQLITE_CORRUPT'), sqlite)).toEqual({
      transient: false,
      message: 'The SQLite file /srv/data/hub.sqlite is damaged (database disk image is malformed): restore it from a backup; CRM Hub will not start on it',
    });
    expect(classifyDatabaseError({ message: 'x', driverError: error('database is locked', 'SQLITE_BUSY') }, sqlite).transient).toBe(true);
    expect(classifyDatabaseError(new DatabaseStartupError('is empty (0 bytes)'), sqlite)).toEqual({ transient: false, message: 'is empty (0 bytes)' });
  });
});

describe(isDatabaseBusy.name, () => {
  it('knows the errors a retry can fix, and nothing else', () => {
    expect(isDatabaseBusy(error('database is locked', 'SQLITE_BUSY_SNAPSHOT'))).toBe(true);
    expect(isDatabaseBusy({ driverError: error('deadlock detected', '40P01') })).toBe(true);
    expect(isDatabaseBusy(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseBusy(error('duplicate key value violates unique constraint', '23505'))).toBe(false);
    expect(isDatabaseBusy(new Error('UNIQUE constraint failed'))).toBe(false);
  });
});
