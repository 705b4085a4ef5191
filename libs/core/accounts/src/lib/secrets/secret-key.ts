import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the key came from, for the start-up log line. */
export type SecretKeySource = 'env' | 'file' | 'generated';

/**
 * The 32-byte key that encrypts account secrets: `HUB_SECRET_KEY` (64 hex characters or base64),
 * else `<dataDir>/secret.key`, generated once with mode 0600. Throws with a message saying how to
 * make a valid key.
 */
export function loadSecretKey(options: { envKey?: string; dataDir: string }): { key: Buffer; source: SecretKeySource; path?: string } {
  if (options.envKey !== undefined && options.envKey.trim() !== '') {
    return { key: parseKey(options.envKey.trim(), 'HUB_SECRET_KEY'), source: 'env' };
  }
  const path = join(options.dataDir, 'secret.key');
  try {
    const text = readFileSync(path, 'utf8').trim();
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    return { key: parseKey(text, path), source: 'file', path };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(options.dataDir, { recursive: true });
  const key = randomBytes(32);
  // 'wx' fails if another process created the file meanwhile: then we read theirs.
  try {
    writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadSecretKey(options);
    throw err;
  }
  return { key, source: 'generated', path };
}

function parseKey(text: string, origin: string): Buffer {
  if (/^[0-9a-f]{64}$/i.test(text)) return Buffer.from(text, 'hex');
  // 32 bytes are 43 base64 characters plus one '=' of padding (base64url accepted too).
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) return Buffer.from(text, 'base64');
  throw new Error(`${origin} must hold a 32-byte key as 64 hex characters or base64 (make one with: openssl rand -base64 32)`);
}
