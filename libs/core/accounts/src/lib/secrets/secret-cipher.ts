import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
/** `v1.<iv>.<tag>.<body>`: the first format, without a key id (still read, never written). */
const LEGACY_FORMAT = 'v1';
/** `v2.<key id>.<iv>.<tag>.<body>`: the key id says which key sealed the value, so keys can be rotated. */
const FORMAT = 'v2';

/** The parts of a sealed value; `keyId` is undefined for the legacy format. */
export interface SealedParts {
  keyId: string | undefined;
  iv: string;
  tag: string;
  body: string;
}

/** Reads a sealed value's format and key id without decrypting it. */
export function parseSealed(sealed: string): SealedParts {
  const parts = sealed.split('.');
  if (parts[0] === FORMAT && parts.length === 5 && /^[0-9a-f]{16}$/.test(parts[1] as string)) {
    return { keyId: parts[1], iv: parts[2] as string, tag: parts[3] as string, body: parts[4] as string };
  }
  if (parts[0] === LEGACY_FORMAT && parts.length === 4) {
    return { keyId: undefined, iv: parts[1] as string, tag: parts[2] as string, body: parts[3] as string };
  }
  throw new Error('Stored secret has an unknown format');
}

/**
 * Encrypts account secrets at rest with AES-256-GCM under one key. Each value gets a fresh IV, and
 * is bound to its account and setting name (additional authenticated data), so a ciphertext copied
 * to another account or field does not decrypt.
 */
export class SecretCipher {
  /** A short, non-reversible id of the key: stored with each sealed value and as the hub's key fingerprint. */
  readonly fingerprint: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('The secret key must be exactly 32 bytes');
    this.fingerprint = createHash('sha256').update('crm-hub/secret-key-fingerprint').update(key).digest('hex').slice(0, 16);
  }

  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, this.fingerprint, ...[iv, cipher.getAuthTag(), body].map((p) => p.toString('base64url'))].join('.');
  }

  /** Decrypts a value of either format; a value sealed under another key id is refused without trying. */
  decrypt(sealed: string | SealedParts, context: string): string {
    const parts = typeof sealed === 'string' ? parseSealed(sealed) : sealed;
    if (parts.keyId !== undefined && parts.keyId !== this.fingerprint) {
      throw new Error(`Stored secret was sealed with another key (fingerprint ${parts.keyId})`);
    }
    const decipher = createDecipheriv(ALGORITHM, this.key, Buffer.from(parts.iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(parts.tag, 'base64url'));
    try {
      return Buffer.concat([decipher.update(Buffer.from(parts.body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('Stored secret cannot be decrypted with the current HUB_SECRET_KEY');
    }
  }
}
