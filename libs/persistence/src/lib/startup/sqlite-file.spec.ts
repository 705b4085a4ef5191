import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseStartupError } from './database-errors';
import { openSqlite } from './sqlite-driver';
import { prepareSqliteFile } from './sqlite-file';

describe(prepareSqliteFile.name, () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'crm-hub-sqlite-file-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const mode = (path: string) => statSync(path).mode & 0o777;

  it('creates a missing database with mode 0600, never as an empty file, and its WAL files stay 0600', () => {
    const path = join(dir, 'data', 'hub.sqlite');
    prepareSqliteFile(path);
    expect(statSync(path).size).toBeGreaterThan(0);
    expect(mode(path)).toBe(0o600);
    expect(readdirSync(join(dir, 'data'))).toEqual(['hub.sqlite']);
    const db = openSqlite(path);
    (db.prepare('CREATE TABLE t (x)') as { run(): void }).run();
    expect(mode(`${path}-wal`)).toBe(0o600);
    expect(mode(`${path}-shm`)).toBe(0o600);
    db.close();
  });

  it('tightens an existing database readable by others to 0600', () => {
    const path = join(dir, 'hub.sqlite');
    prepareSqliteFile(path);
    chmodSync(path, 0o644);
    prepareSqliteFile(path);
    expect(mode(path)).toBe(0o600);
  });

  it('refuses a database file truncated to 0 bytes, saying what happened and what to do', () => {
    const path = join(dir, 'hub.sqlite');
    prepareSqliteFile(path);
    truncateSync(path, 0);
    expect(() => prepareSqliteFile(path)).toThrow(DatabaseStartupError);
    expect(() => prepareSqliteFile(path)).toThrow(/is empty \(0 bytes\).*truncated or replaced: restore it from a backup.*delete the file/);
    writeFileSync(join(dir, 'other.sqlite'), '');
    expect(() => prepareSqliteFile(join(dir, 'other.sqlite'))).toThrow(/is empty/);
    expect(existsSync(path)).toBe(true);
  });
});
