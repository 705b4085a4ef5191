import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSecretKey, secretKeyProblem } from './secret-key';

describe(loadSecretKey.name, () => {
  let dataDir: string;
  beforeEach(() => (dataDir = join(mkdtempSync(join(tmpdir(), 'crm-hub-key-')), 'data')));
  afterEach(() => rmSync(join(dataDir, '..'), { recursive: true, force: true }));

  it('takes HUB_SECRET_KEY as hex or base64', () => {
    const key = randomBytes(32);
    expect(loadSecretKey({ envKey: key.toString('hex'), dataDir }).key.equals(key)).toBe(true);
    expect(loadSecretKey({ envKey: key.toString('base64'), dataDir })).toMatchObject({ source: 'env' });
  });

  it('refuses a key of the wrong size with a message saying how to make one', () => {
    expect(() => loadSecretKey({ envKey: 'too-short', dataDir })).toThrow(/32-byte key.*openssl rand -base64 32/);
  });

  it('generates a key once into the data folder with mode 0600, then reuses it', () => {
    const first = loadSecretKey({ dataDir });
    expect(first.source).toBe('generated');
    const path = join(dataDir, 'secret.key');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const second = loadSecretKey({ dataDir });
    expect(second.source).toBe('file');
    expect(second.key.equals(first.key)).toBe(true);
    expect(readFileSync(path, 'utf8').trim()).toBe(first.key.toString('base64'));
  });

  it('tightens a key file readable by others', () => {
    loadSecretKey({ dataDir });
    const path = join(dataDir, 'secret.key');
    writeFileSync(path, readFileSync(path), { mode: 0o644 });
    chmodSync(path, 0o644);
    loadSecretKey({ dataDir });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});

describe(secretKeyProblem.name, () => {
  it('accepts keys and lists of previous keys, and names a bad one without quoting it', () => {
    const key = randomBytes(32);
    expect(secretKeyProblem('HUB_SECRET_KEY', key.toString('hex'))).toBeUndefined();
    expect(secretKeyProblem('HUB_SECRET_KEY_PREVIOUS', `${key.toString('base64')}, ${key.toString('hex')}`)).toBeUndefined();
    expect(secretKeyProblem('HUB_SECRET_KEY_PREVIOUS', `${key.toString('hex')},oops-not-a-key`)).toBe(
      'HUB_SECRET_KEY_PREVIOUS (key 2 of 2, comma-separated) must be a 32-byte key as 64 hex characters or base64 (make one with: openssl rand -base64 32)',
    );
  });

  it('never generates a key when told not to (a rotation needs the real one)', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'crm-hub-key-'));
    try {
      expect(() => loadSecretKey({ dataDir, generate: false })).toThrow(/No secret key: set HUB_SECRET_KEY/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
