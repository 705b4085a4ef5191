import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the key came from, for the start-up log line. */
export type SecretKeySource = 'env' | 'file' | 'generated';

const HOW_TO = 'make one with: openssl rand -base64 32';

/**
 * The 32-byte key that encrypts account secrets: `HUB_SECRET_KEY` (64 hex characters or base64),
 * else `<dataDir>/secret.key`, generated once with mode 0600 (unless `generate` is false: the key
 * rotation must never invent a key). Throws with a message saying how to make a valid key.
 */
export function loadSecretKey(options: { envKey?: string; dataDir: string; generate?: boolean }): {
  key: Buffer;
  source: SecretKeySource;
  path?: string;
} {
  if (options.envKey !== undefined && options.envKey.trim() !== '') {
    return { key: parseSecretKey(options.envKey.trim(), 'HUB_SECRET_KEY'), source: 'env' };
  }
  const path = join(options.dataDir, 'secret.key');
  try {
    const text = readFileSync(path, 'utf8').trim();
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    return { key: parseSecretKey(text, path), source: 'file', path };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (options.generate === false) throw new Error(`No secret key: set HUB_SECRET_KEY (${HOW_TO}) or keep ${path}`);
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  // Written whole to a file of our own, then linked into place: a hub starting beside us never
  // reads a half-written key, and the link fails if another process put its key there first (we read theirs).
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(draft, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadSecretKey(options);
    throw err;
  } finally {
    unlinkSync(draft);
  }
  return { key, source: 'generated', path };
}

/**
 * What is wrong with a key setting, for the configuration report (undefined: nothing). Never
 * quotes the value: it is a key.
 */
export function secretKeyProblem(name: 'HUB_SECRET_KEY' | 'HUB_SECRET_KEY_PREVIOUS', text: string | undefined): string | undefined {
  const keys = name === 'HUB_SECRET_KEY' ? (text?.trim() ? [text.trim()] : []) : splitKeys(text);
  const bad = keys.findIndex((k) => !isKey(k));
  if (bad === -1) return undefined;
  const which = name === 'HUB_SECRET_KEY_PREVIOUS' && keys.length > 1 ? ` (key ${bad + 1} of ${keys.length}, comma-separated)` : '';
  return `${name}${which} must be a 32-byte key as 64 hex characters or base64 (${HOW_TO})`;
}

export function parseSecretKey(text: string, origin: string): Buffer {
  if (/^[0-9a-f]{64}$/i.test(text)) return Buffer.from(text, 'hex');
  // 32 bytes are 43 base64 characters plus one '=' of padding (base64url accepted too).
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) return Buffer.from(text, 'base64');
  throw new Error(`${origin} must hold a 32-byte key as 64 hex characters or base64 (${HOW_TO})`);
}

function isKey(text: string): boolean {
  try {
    parseSecretKey(text, '');
    return true;
  } catch {
    return false;
  }
}

function splitKeys(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
}
