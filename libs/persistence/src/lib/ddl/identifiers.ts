import { createHash } from 'node:crypto';

/** PostgreSQL truncates identifiers longer than this many bytes: generated names must stay below. */
export const MAX_IDENTIFIER_BYTES = 63;

/**
 * Checks that a name made by the hub for a generated table, column or index is plain snake_case
 * within PostgreSQL's limit. (Such names are also always quoted: this guards against a naming bug,
 * not against CRM metadata, which never reaches SQL unnormalised.)
 */
export function assertGeneratedIdentifier(name: string): string {
  if (!/^[a-z][a-z0-9_]*$/.test(name) || Buffer.byteLength(name) > MAX_IDENTIFIER_BYTES) {
    throw new Error(`'${name}' is not a valid generated identifier (snake_case, at most ${MAX_IDENTIFIER_BYTES} bytes)`);
  }
  return name;
}

/** Shortens a name to fit, keeping it unique with a hash of the whole: `very_long_na_1a2b3c`. */
export function fitIdentifier(name: string, maxBytes = MAX_IDENTIFIER_BYTES): string {
  if (Buffer.byteLength(name) <= maxBytes) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 6);
  return `${name.slice(0, maxBytes - hash.length - 1).replace(/_+$/, '')}_${hash}`;
}
