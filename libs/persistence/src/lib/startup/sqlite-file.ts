import { randomBytes } from 'node:crypto';
import { chmodSync, constants, copyFileSync, existsSync, linkSync, mkdirSync, openSync, closeSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DatabaseStartupError } from './database-errors';
import { openSqlite } from './sqlite-driver';

const PRIVATE = 0o600;

/**
 * Makes the SQLite file ready to open: refuses an empty one, creates a missing one atomically with
 * mode 0600, and tightens an existing file (and its -wal/-shm files) to 0600 — it holds the
 * sealed secrets and the API key hashes, like the key file next to it.
 */
export function prepareSqliteFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  if (!existsSync(path)) createSqliteFile(path);
  const stat = statSync(path);
  if (!stat.isFile()) throw new DatabaseStartupError(`The SQLite database ${path} is not a file: check DATABASE_URL and HUB_DATA_DIR`);
  if (stat.size === 0) {
    // The hub creates its file with a header in one step (below), so an empty file is one that
    // was truncated or replaced: opening it would silently start a new, empty hub whose secret key
    // and generated tables no longer match anything.
    throw new DatabaseStartupError(
      `The SQLite database ${path} is empty (0 bytes). CRM Hub never leaves an empty database file, so it was truncated or ` +
        'replaced: restore it from a backup. To start a new, empty hub on purpose, delete the file (and its -wal and -shm files).',
    );
  }
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file) && (statSync(file).mode & 0o077) !== 0) chmodSync(file, PRIVATE);
  }
}

/**
 * Creates the database under a temporary name (mode 0600, WAL header written), then links it into
 * place — which fails if another process won the race, whose file is then used. So the final name
 * never exists as an empty file, even if a process is killed while creating it.
 */
function createSqliteFile(path: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.creating`);
  closeSync(openSync(temporary, 'wx', PRIVATE));
  try {
    const db = openSqlite(temporary);
    try {
      db.pragma('journal_mode = WAL');
    } finally {
      db.close();
    }
    try {
      linkSync(temporary, path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return;
      // A file system without hard links: an exclusive copy is just as safe against the race.
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw err;
      try {
        copyFileSync(temporary, path, constants.COPYFILE_EXCL);
      } catch (copyErr) {
        if ((copyErr as NodeJS.ErrnoException).code !== 'EEXIST') throw copyErr;
      }
    }
  } finally {
    for (const file of [temporary, `${temporary}-wal`, `${temporary}-shm`]) {
      try {
        unlinkSync(file);
      } catch {
        // Already gone.
      }
    }
  }
}
