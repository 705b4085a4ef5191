import { randomBytes } from 'node:crypto';
import { SecretCipher } from './secret-cipher';

describe(SecretCipher.name, () => {
  const cipher = new SecretCipher(randomBytes(32));

  it('round-trips a secret, with a fresh IV each time', () => {
    const a = cipher.encrypt('s3cr3t-value', 'acc-1:clientSecret');
    const b = cipher.encrypt('s3cr3t-value', 'acc-1:clientSecret');
    expect(a).not.toBe(b);
    expect(a).not.toContain('s3cr3t');
    expect(cipher.decrypt(a, 'acc-1:clientSecret')).toBe('s3cr3t-value');
  });

  it('refuses a sealed value moved to another account or field', () => {
    const sealed = cipher.encrypt('s3cr3t-value', 'acc-1:clientSecret');
    expect(() => cipher.decrypt(sealed, 'acc-2:clientSecret')).toThrow(/cannot be decrypted/);
    expect(() => cipher.decrypt(sealed, 'acc-1:password')).toThrow(/cannot be decrypted/);
  });

  it('refuses a tampered value and another key', () => {
    const sealed = cipher.encrypt('s3cr3t-value', 'ctx');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3] as string, 'base64url');
    body[0] = (body[0] as number) ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'), 'ctx')).toThrow(/cannot be decrypted/);
    expect(() => new SecretCipher(randomBytes(32)).decrypt(sealed, 'ctx')).toThrow(/cannot be decrypted/);
  });

  it('has a stable fingerprint that does not reveal the key', () => {
    const key = randomBytes(32);
    expect(new SecretCipher(key).fingerprint).toBe(new SecretCipher(key).fingerprint);
    expect(new SecretCipher(key).fingerprint).not.toContain(key.toString('hex').slice(0, 8));
    expect(() => new SecretCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});
