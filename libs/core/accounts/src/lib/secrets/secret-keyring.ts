import { parseSealed, SecretCipher } from './secret-cipher';

/**
 * The keys a hub knows: the current one (HUB_SECRET_KEY or data/secret.key), which seals every
 * new value, and previous ones (HUB_SECRET_KEY_PREVIOUS), which only unseal, while a rotation
 * re-seals what they sealed.
 */
export class SecretKeyring {
  readonly current: SecretCipher;
  private readonly byId = new Map<string, SecretCipher>();

  constructor(current: Buffer, previous: Buffer[] = []) {
    this.current = new SecretCipher(current);
    for (const cipher of [this.current, ...previous.map((key) => new SecretCipher(key))]) {
      if (!this.byId.has(cipher.fingerprint)) this.byId.set(cipher.fingerprint, cipher);
    }
  }

  /** Fingerprints of every known key, the current one first. */
  get fingerprints(): string[] {
    return [...this.byId.keys()];
  }

  knows(fingerprint: string): boolean {
    return this.byId.has(fingerprint);
  }

  seal(plaintext: string, context: string): string {
    return this.current.encrypt(plaintext, context);
  }

  /**
   * Unseals a value: by its key id, or — legacy values have none — with each known key in turn.
   * Error messages name key fingerprints only, never a value.
   */
  unseal(sealed: string, context: string): string {
    const parts = parseSealed(sealed);
    if (parts.keyId !== undefined) {
      const cipher = this.byId.get(parts.keyId);
      if (!cipher) {
        throw new Error(`Stored secret was sealed with key ${parts.keyId}, which is neither HUB_SECRET_KEY nor in HUB_SECRET_KEY_PREVIOUS`);
      }
      return cipher.decrypt(parts, context);
    }
    for (const cipher of this.byId.values()) {
      try {
        return cipher.decrypt(parts, context);
      } catch {
        // Legacy value: try the next key.
      }
    }
    throw new Error('Stored secret cannot be decrypted with HUB_SECRET_KEY or HUB_SECRET_KEY_PREVIOUS');
  }

  /** The key id of a sealed value (undefined for the legacy format, or an unreadable value). */
  static keyIdOf(sealed: string): string | undefined {
    try {
      return parseSealed(sealed).keyId;
    } catch {
      return undefined;
    }
  }
}
