import { randomBytes } from 'node:crypto';
import { sealLegacy } from './test-support/legacy-seal';
import { SecretKeyring } from './secret-keyring';

describe(SecretKeyring.name, () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);

  it('seals with the current key and unseals with any known one, legacy values included', () => {
    const before = new SecretKeyring(oldKey);
    const sealedOld = before.seal('s3cr3t-value', 'a:token');
    const legacy = sealLegacy(oldKey, 'legacy-value', 'a:token');

    const during = new SecretKeyring(newKey, [oldKey]);
    expect(during.fingerprints).toEqual([during.current.fingerprint, before.current.fingerprint]);
    expect(during.unseal(sealedOld, 'a:token')).toBe('s3cr3t-value');
    expect(during.unseal(legacy, 'a:token')).toBe('legacy-value');
    const sealedNew = during.seal('s3cr3t-value', 'a:token');
    expect(SecretKeyring.keyIdOf(sealedNew)).toBe(during.current.fingerprint);

    const after = new SecretKeyring(newKey);
    expect(after.unseal(sealedNew, 'a:token')).toBe('s3cr3t-value');
    expect(() => after.unseal(sealedOld, 'a:token')).toThrow(
      new RegExp(`sealed with key ${before.current.fingerprint}, which is neither HUB_SECRET_KEY nor in HUB_SECRET_KEY_PREVIOUS`),
    );
    expect(() => after.unseal(legacy, 'a:token')).toThrow(/cannot be decrypted with HUB_SECRET_KEY or HUB_SECRET_KEY_PREVIOUS/);
  });

  it('never puts a value in an error message', () => {
    const keyring = new SecretKeyring(newKey);
    const sealed = new SecretKeyring(oldKey).seal('do-not-show-me', 'a:token');
    expect(() => keyring.unseal(sealed, 'a:token')).toThrow(expect.objectContaining({ message: expect.not.stringContaining('do-not-show-me') }));
  });
});
