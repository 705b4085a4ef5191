import { secretKeyProblem } from '@crm-hub/accounts';
import { type DatabaseConfig, parseDatabaseConfig } from '@crm-hub/persistence';
import type { HubRole } from '@crm-hub/sync';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The hub's validated settings (from environment variables; see the README's configuration table). */
export interface HubConfig {
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseConfig;
  pluginsDir: string;
  /** The installation folder whose package.json dependencies may include plugins. */
  hostRoot: string;
  /** The web console's build (dist/apps/console, next to the hub's own build), served at /console. */
  consoleDir: string;
  /** From HUB_API_KEYS: admin keys for every account, next to the keys managed through /api/keys. */
  apiKeys: string[];
  /** HUB_AUDIT_RETENTION_DAYS: how long audit entries are kept. */
  auditRetentionDays: number;
  secretKey?: string;
  /** HUB_SECRET_KEY_PREVIOUS: keys that only decrypt, while a rotation re-seals what they sealed. */
  previousSecretKeys?: string[];
  logLevel: LogLevel;
  checkTimeoutMs: number;
  /** How long CRM describes are reused by the discovery wizard. */
  describeTtlMs: number;
  shutdownTimeoutMs: number;
  /** Sync runs this process executes at once (continuous jobs aside). */
  syncConcurrency: number;
  /** Lifetime of a sync job's lease: how soon another process takes over the runs of one that died. */
  syncLeaseMs: number;
  /** How long a sync run waits after the CRM's API quota ran out before it tries again. */
  syncQuotaPauseMs: number;
  /** Heap limit of each plugin's worker thread: a plugin that needs more is ended and restarted. */
  pluginMemoryLimitMb: number;
  /** How long a plugin's worker may go with no connector open before it is stopped (0: never). */
  pluginIdleStopMs: number;
  /** What this process does (HUB_ROLE); anything but `all` needs REDIS_URL. */
  role: HubRole;
  /** REDIS_URL: runs queue in BullMQ, account slots and org budgets are shared. Never logged (it may hold a password). */
  redisUrl?: string;
  /** HUB_WORKER_NAME, or host-pid: how runs and /metrics name this process. */
  workerName: string;
  /** Runs of one account executed at once across all workers. */
  syncAccountConcurrency: number;
  /** CRM calls kept back from each org's reported quota. */
  syncBudgetReserve: number;
}

const ROLES: HubRole[] = ['all', 'api', 'scheduler', 'worker'];

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** The variables the hub reads; any other `HUB_*` variable is reported as a probable typo. */
export const KNOWN_VARIABLES = [
  'PORT',
  'HOST',
  'HUB_DATA_DIR',
  'DATABASE_URL',
  'DATABASE_SCHEMA',
  'PLUGINS_DIR',
  'HUB_API_KEYS',
  'HUB_SECRET_KEY',
  'HUB_SECRET_KEY_PREVIOUS',
  'LOG_LEVEL',
  'HUB_CHECK_TIMEOUT_MS',
  'HUB_DESCRIBE_TTL_MS',
  'HUB_SHUTDOWN_TIMEOUT_MS',
  'HUB_SYNC_CONCURRENCY',
  'HUB_SYNC_LEASE_MS',
  'HUB_SYNC_QUOTA_PAUSE_MS',
  'HUB_PLUGIN_MEMORY_LIMIT_MB',
  'HUB_PLUGIN_IDLE_STOP_MS',
  'HUB_ROLE',
  'REDIS_URL',
  'HUB_WORKER_NAME',
  'HUB_SYNC_ACCOUNT_CONCURRENCY',
  'HUB_SYNC_BUDGET_RESERVE',
  'HUB_AUDIT_RETENTION_DAYS',
];

/** Every problem of the configuration at once, so an operator fixes them in one go. */
export class HubConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'HubConfigError';
  }
}

/** Reads and validates the settings; relative paths are resolved against `cwd`. */
export function parseHubConfig(env: NodeJS.ProcessEnv, cwd = process.cwd(), entryDir = __dirname): { config: HubConfig; warnings: string[] } {
  const problems: string[] = [];
  const warnings: string[] = [];
  const port = integer(env, 'PORT', 3000, 1, 65535, problems);
  const dataDir = resolve(cwd, env['HUB_DATA_DIR']?.trim() || './data');
  let database: DatabaseConfig = { kind: 'sqlite', path: join(dataDir, 'hub.sqlite') };
  try {
    database = parseDatabaseConfig({ DATABASE_URL: env['DATABASE_URL'], DATABASE_SCHEMA: env['DATABASE_SCHEMA'], dataDir });
  } catch (err) {
    problems.push((err as Error).message);
  }
  const apiKeys = (env['HUB_API_KEYS'] ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  if (apiKeys.some((k) => k.length < 24 || /\s/.test(k))) {
    problems.push('HUB_API_KEYS: each key must be at least 24 characters without spaces (e.g. openssl rand -base64 32)');
  }
  // Checked with the rest (the key itself is read later, by the accounts feature): never quoted.
  for (const name of ['HUB_SECRET_KEY', 'HUB_SECRET_KEY_PREVIOUS'] as const) {
    const problem = secretKeyProblem(name, env[name]);
    if (problem) problems.push(problem);
  }
  const previousSecretKeys = (env['HUB_SECRET_KEY_PREVIOUS'] ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  const logLevel = (env['LOG_LEVEL']?.trim().toLowerCase() || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got '${env['LOG_LEVEL']}')`);
  if (env['NODE_TLS_REJECT_UNAUTHORIZED'] === '0') {
    problems.push(
      'NODE_TLS_REJECT_UNAUTHORIZED=0 switches off certificate verification, which CRM Hub never allows: unset it and trust a private CA with NODE_EXTRA_CA_CERTS',
    );
  }
  const role = (env['HUB_ROLE']?.trim().toLowerCase() || 'all') as HubRole;
  if (!ROLES.includes(role)) problems.push(`HUB_ROLE must be one of ${ROLES.join(', ')} (got '${env['HUB_ROLE']}')`);
  const redisUrl = env['REDIS_URL']?.trim() || undefined;
  if (redisUrl && !isRedisUrl(redisUrl)) problems.push('REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379 (the value is not shown: it may hold a password)');
  if (role !== 'all' && !redisUrl) problems.push(`HUB_ROLE=${role} needs REDIS_URL: processes with separate roles share the run queue through Redis`);
  const workerName = env['HUB_WORKER_NAME']?.trim() || `${hostname()}-${process.pid}`;
  if (!/^[\w.-]{1,64}$/.test(workerName)) problems.push(`HUB_WORKER_NAME must be 1 to 64 letters, digits, '.', '_' or '-' (got '${workerName}')`);
  for (const name of Object.keys(env)) {
    if (name.startsWith('HUB_') && !KNOWN_VARIABLES.includes(name)) warnings.push(`Unknown setting ${name} is ignored (a typo?)`);
  }
  const config: HubConfig = {
    port,
    host: env['HOST']?.trim() || '0.0.0.0',
    dataDir,
    database,
    pluginsDir: resolve(cwd, env['PLUGINS_DIR']?.trim() || './plugins.d'),
    hostRoot: findHostRoot(entryDir) ?? cwd,
    consoleDir: resolve(entryDir, '../console'),
    apiKeys,
    auditRetentionDays: integer(env, 'HUB_AUDIT_RETENTION_DAYS', 365, 1, 36_500, problems),
    ...(env['HUB_SECRET_KEY']?.trim() ? { secretKey: env['HUB_SECRET_KEY'].trim() } : {}),
    ...(previousSecretKeys.length ? { previousSecretKeys } : {}),
    logLevel,
    checkTimeoutMs: integer(env, 'HUB_CHECK_TIMEOUT_MS', 30_000, 100, 600_000, problems),
    describeTtlMs: integer(env, 'HUB_DESCRIBE_TTL_MS', 600_000, 0, 86_400_000, problems),
    shutdownTimeoutMs: integer(env, 'HUB_SHUTDOWN_TIMEOUT_MS', 10_000, 100, 600_000, problems),
    syncConcurrency: integer(env, 'HUB_SYNC_CONCURRENCY', 4, 1, 64, problems),
    syncLeaseMs: integer(env, 'HUB_SYNC_LEASE_MS', 30_000, 1_000, 600_000, problems),
    syncQuotaPauseMs: integer(env, 'HUB_SYNC_QUOTA_PAUSE_MS', 3_600_000, 1_000, 86_400_000, problems),
    pluginMemoryLimitMb: integer(env, 'HUB_PLUGIN_MEMORY_LIMIT_MB', 512, 64, 16_384, problems),
    pluginIdleStopMs: integer(env, 'HUB_PLUGIN_IDLE_STOP_MS', 120_000, 0, 86_400_000, problems),
    role,
    ...(redisUrl ? { redisUrl } : {}),
    workerName,
    syncAccountConcurrency: integer(env, 'HUB_SYNC_ACCOUNT_CONCURRENCY', 4, 1, 1_000, problems),
    syncBudgetReserve: integer(env, 'HUB_SYNC_BUDGET_RESERVE', 50, 0, 1_000_000, problems),
  };
  if (problems.length) throw new HubConfigError(problems);
  return { config, warnings };
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max} (got '${raw}')`);
    return fallback;
  }
  return value;
}

function isRedisUrl(value: string): boolean {
  try {
    return ['redis:', 'rediss:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** The nearest folder above the running code with a package.json and node_modules: the installation. */
export function findHostRoot(start: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'node_modules'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}
