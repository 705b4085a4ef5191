import { createCipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * The stored formats of account secrets, written by hand to seed databases as older hubs left
 * them: `v1.<iv>.<tag>.<body>` (before key ids) — AES-256-GCM bound to `<account id>:<setting>`.
 */
export function sealV1(key: Buffer, plaintext: string, accountId: string, field: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`${accountId}:${field}`, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', ...[iv, cipher.getAuthTag(), body].map((p) => p.toString('base64url'))].join('.');
}

/** A key's fingerprint, as the hub stores it (hub_setting secret_key_fingerprint) and as v2 values name their key. */
export function keyFingerprint(key: Buffer): string {
  return createHash('sha256').update('crm-hub/secret-key-fingerprint').update(key).digest('hex').slice(0, 16);
}

/** The key id of a stored value (undefined for v1). */
export function keyIdOf(sealed: string): string | undefined {
  const [format, id] = sealed.split('.');
  return format === 'v2' ? id : undefined;
}
