import { randomBytes } from 'node:crypto';
import { parseSealed, SecretCipher } from './secret-cipher';
import { sealLegacy } from './test-support/legacy-seal';

describe(SecretCipher.name, () => {
  const key = randomBytes(32);
  const cipher = new SecretCipher(key);

  it('round-trips a secret, with a fresh IV each time, and names its key', () => {
    const a = cipher.encrypt('s3cr3t-value', 'acc-1:clientSecret');
    const b = cipher.encrypt('s3cr3t-value', 'acc-1:clientSecret');
    expect(a).not.toBe(b);
    expect(a).not.toContain('s3cr3t');
    expect(a.startsWith(`v2.${cipher.fingerprint}.`)).toBe(true);
    expect(parseSealed(a).keyId).toBe(cipher.fingerprint);
    expect(cipher.decrypt(a, 'acc-1:clientSecret')).toBe('s3cr3t-value');
  });

  it('still reads the first format, which has no key id', () => {
    const legacy = sealLegacy(key, 's3cr3t-value', 'acc-1:clientSecret');
    expect(parseSealed(legacy).keyId).toBeUndefined();
    expect(cipher.decrypt(legacy, 'acc-1:clientSecret')).toBe('s3cr3t-value');
  });

  it('refuses a sealed value moved to another account or field', () => {
    const sealed = cipher.encrypt('s3cr3t-value', 'acc-1:clientSecret');
    expect(() => cipher.decrypt(sealed, 'acc-2:clientSecret')).toThrow(/cannot be decrypted/);
    expect(() => cipher.decrypt(sealed, 'acc-1:password')).toThrow(/cannot be decrypted/);
  });

  it('refuses a tampered value, another key and an unknown format', () => {
    const sealed = cipher.encrypt('s3cr3t-value', 'ctx');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[4] as string, 'base64url');
    body[0] = (body[0] as number) ^ 1;
    parts[4] = body.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'), 'ctx')).toThrow(/cannot be decrypted/);
    expect(() => new SecretCipher(randomBytes(32)).decrypt(sealed, 'ctx')).toThrow(/sealed with another key/);
    expect(() => cipher.decrypt('v9.x.y.z', 'ctx')).toThrow(/unknown format/);
  });

  it('has a stable fingerprint that does not reveal the key', () => {
    const other = randomBytes(32);
    expect(new SecretCipher(other).fingerprint).toBe(new SecretCipher(other).fingerprint);
    expect(new SecretCipher(other).fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(new SecretCipher(other).fingerprint).not.toContain(other.toString('hex').slice(0, 8));
    expect(() => new SecretCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});
