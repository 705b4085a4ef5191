import { createHash, randomBytes } from 'node:crypto';

export const KEY_PREFIX = 'chub_';
/** Characters of a key shown in lists and the audit log: `chub_` and 7 random ones (42 bits). */
const SHOWN_CHARACTERS = 12;

/** A new random key (256 bits). */
export function newKeySecret(): string {
  return `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function keyHash(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

export function shownPrefix(key: string): string {
  return key.slice(0, SHOWN_CHARACTERS);
}
