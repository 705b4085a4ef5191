import type { DatabaseConfig } from '../database-config';
import { describeDatabase } from '../database-config';

/** A start-up failure of the database that retrying cannot fix; its message says what to do. */
export class DatabaseStartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseStartupError';
  }
}

/** What to do about an error met while opening the database. */
export interface DatabaseFailure {
  /** Worth retrying: the server is starting, busy or not reachable yet. */
  transient: boolean;
  /** For the operator: what failed and what to check. Never a password. */
  message: string;
}

// PostgreSQL SQLSTATE classes and codes: https://www.postgresql.org/docs/current/errcodes-appendix.html
const PG_PERMANENT: Record<string, string> = {
  '28P01': 'the password was refused',
  '28000': 'the role is unknown or may not connect (check the user name and pg_hba.conf)',
  '3D000': 'the database does not exist',
  '42501': 'the role lacks a privilege the hub needs (e.g. CREATE on the database or schema)',
  '3F000': 'the schema does not exist',
};
const PG_TRANSIENT = new Set(['57P03', '53300', '57P01', '57P02', '40001', '40P01', '55P03']);
const NETWORK_TRANSIENT = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND', 'EPIPE']);
const SQLITE_DAMAGED = /^SQLITE_(NOTADB|CORRUPT)/;

/**
 * Sorts a start-up error into transient (retry) and permanent (report at once): a damaged SQLite
 * file, a refused password, an unknown role or database never fix themselves.
 */
export function classifyDatabaseError(err: unknown, database: DatabaseConfig): DatabaseFailure {
  const where = describeDatabase(database);
  const reason = (err as Error)?.message ?? String(err);
  if (err instanceof DatabaseStartupError) return { transient: false, message: err.message };
  const code = errorCode(err);
  if (database.kind === 'sqlite') {
    if (code && SQLITE_DAMAGED.test(code)) {
      return { transient: false, message: `The ${where} is damaged (${reason}): restore it from a backup; CRM Hub will not start on it` };
    }
    if (code && /^SQLITE_(BUSY|LOCKED)/.test(code)) return { transient: true, message: `The ${where} is locked by another process (${reason})` };
    return { transient: false, message: `Cannot open the ${where}: ${reason}` };
  }
  if (code && PG_PERMANENT[code]) return { transient: false, message: `${where} refused the connection: ${PG_PERMANENT[code]} (${reason})` };
  if (code && (PG_TRANSIENT.has(code) || code.startsWith('08'))) return { transient: true, message: `${where} is not ready: ${reason}` };
  if (code && NETWORK_TRANSIENT.has(code)) return { transient: true, message: `${where} is not reachable: ${reason}` };
  if (/timeout/i.test(reason)) {
    // Connected (or trying to) but no PostgreSQL answer within the connect timeout: most often a
    // port where something else listens, or a firewall that drops packets.
    return {
      transient: false,
      message: `No PostgreSQL server answered at ${where} within the connect timeout: check the host and port of DATABASE_URL (is a PostgreSQL server listening there?)`,
    };
  }
  if (/Connection terminated unexpectedly|terminating connection/i.test(reason)) {
    return { transient: true, message: `${where} closed the connection: ${reason} (is it a PostgreSQL server?)` };
  }
  return { transient: false, message: `Cannot open ${where}: ${reason}` };
}

/**
 * Whether a query failed because another writer holds the database (SQLite's lock beyond the busy
 * timeout; PostgreSQL serialization failures, deadlocks, lock timeouts, or no pool connection in
 * time): the request can be retried as it is.
 */
export function isDatabaseBusy(err: unknown): boolean {
  const code = errorCode(err);
  if (code && /^SQLITE_(BUSY|LOCKED)/.test(code)) return true;
  if (code && ['40001', '40P01', '55P03'].includes(code)) return true;
  const message = (err as Error)?.message ?? '';
  return /database is locked|timeout exceeded when trying to connect/i.test(message);
}

/** The code of a driver error, also when TypeORM wrapped it (QueryFailedError.driverError) or it is a cause. */
function errorCode(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; driverError?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === 'string') return e.code;
    e = (e.driverError ?? e.cause) as typeof e;
  }
  return undefined;
}
