import { isAbsolute, join, resolve } from 'node:path';

/** Where the hub keeps its own tables: an SQLite file (default) or a PostgreSQL database. */
export type DatabaseConfig =
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgres'; url: string; schema?: string };

/**
 * Reads the database settings: no `DATABASE_URL` → SQLite at `<dataDir>/hub.sqlite`;
 * `postgres://…` / `postgresql://…` → PostgreSQL (optionally in `DATABASE_SCHEMA`);
 * `sqlite:<path>` → SQLite at that path. Anything else is refused with a message saying what works.
 */
export function parseDatabaseConfig(env: {
  DATABASE_URL?: string;
  DATABASE_SCHEMA?: string;
  dataDir: string;
}): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (!url) return { kind: 'sqlite', path: join(env.dataDir, 'hub.sqlite') };
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const schema = env.DATABASE_SCHEMA?.trim();
    if (schema !== undefined && schema !== '' && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      throw new Error(
        `DATABASE_SCHEMA '${schema}' is not a valid schema name: use lower-case letters, digits and _ (at most 63), starting with a letter or _`,
      );
    }
    return schema ? { kind: 'postgres', url, schema } : { kind: 'postgres', url };
  }
  if (/^sqlite:/i.test(url)) {
    const path = url.replace(/^sqlite:(\/\/)?/i, '');
    if (!path) throw new Error('DATABASE_URL sqlite: needs a file path, e.g. sqlite:./data/hub.sqlite');
    return { kind: 'sqlite', path: isAbsolute(path) ? path : resolve(path) };
  }
  throw new Error(
    `DATABASE_URL must be a postgres:// URL or sqlite:<path> (got '${describeUrl(url)}'); leave it unset for the default SQLite file`,
  );
}

/** A database URL as it may be shown: without its password. */
export function describeDatabase(config: DatabaseConfig): string {
  return config.kind === 'sqlite'
    ? `SQLite file ${config.path}`
    : `PostgreSQL ${describeUrl(config.url)}${config.schema ? ` (schema ${config.schema})` : ''}`;
}

function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}
