import { type DatabaseConfig, parseDatabaseConfig } from '@crm-hub/persistence';
import { existsSync } from 'node:fs';
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
  /** From HUB_API_KEYS; empty: keys are generated and stored hashed. */
  apiKeys: string[];
  secretKey?: string;
  logLevel: LogLevel;
  checkTimeoutMs: number;
  /** How long CRM describes are reused by the discovery wizard. */
  describeTtlMs: number;
  shutdownTimeoutMs: number;
}

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
  'LOG_LEVEL',
  'HUB_CHECK_TIMEOUT_MS',
  'HUB_DESCRIBE_TTL_MS',
  'HUB_SHUTDOWN_TIMEOUT_MS',
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
  const logLevel = (env['LOG_LEVEL']?.trim().toLowerCase() || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got '${env['LOG_LEVEL']}')`);
  if (env['NODE_TLS_REJECT_UNAUTHORIZED'] === '0') {
    problems.push(
      'NODE_TLS_REJECT_UNAUTHORIZED=0 switches off certificate verification, which CRM Hub never allows: unset it and trust a private CA with NODE_EXTRA_CA_CERTS',
    );
  }
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
    apiKeys,
    ...(env['HUB_SECRET_KEY']?.trim() ? { secretKey: env['HUB_SECRET_KEY'].trim() } : {}),
    logLevel,
    checkTimeoutMs: integer(env, 'HUB_CHECK_TIMEOUT_MS', 30_000, 100, 600_000, problems),
    describeTtlMs: integer(env, 'HUB_DESCRIBE_TTL_MS', 600_000, 0, 86_400_000, problems),
    shutdownTimeoutMs: integer(env, 'HUB_SHUTDOWN_TIMEOUT_MS', 10_000, 100, 600_000, problems),
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

/** The nearest folder above the running code with a package.json and node_modules: the installation. */
export function findHostRoot(start: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'node_modules'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}
