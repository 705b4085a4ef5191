/**
 * Salesforce record ids: 15 case-sensitive characters (3-character key prefix, instance, reserved
 * character, base-62 counter) plus the 3-character case-safe suffix that makes 18-character ids
 * compare equal case-insensitively.
 * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/field_types.htm#i1435616
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
/** Instance and reserved characters of every id this org mints. */
const POD = 'gK0';
const COUNTER_DIGITS = 9;

/** The case-safe suffix: one character per 5-character chunk, a bit per upper-case letter. */
export function idSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return suffix;
}

/** An 18-character id for the object's key prefix and a sequence number (ids sort like the sequence). */
export function makeId(keyPrefix: string, seq: number): string {
  let digits = '';
  let n = seq;
  for (let i = 0; i < COUNTER_DIGITS; i++) {
    digits = BASE62[n % 62] + digits;
    n = Math.floor(n / 62);
  }
  const id15 = keyPrefix + POD + digits;
  return id15 + idSuffix(id15);
}

/** The sequence number of an id this org minted for `keyPrefix`, if it is one. */
export function seqOfId(id18: string, keyPrefix: string): number | undefined {
  if (!id18.startsWith(keyPrefix + POD)) return undefined;
  let seq = 0;
  for (let i = 6; i < 15; i++) {
    const d = BASE62.indexOf(id18[i] as string);
    if (d < 0) return undefined;
    seq = seq * 62 + d;
  }
  return seq;
}

const ID15 = /^[a-zA-Z0-9]{15}$/;
const ID18 = /^[a-zA-Z0-9]{18}$/;

/**
 * The canonical 18-character form of a 15- or 18-character id, or undefined when the text is not an
 * id. An 18-character id is case-insensitive: its suffix restores the case of the first 15.
 */
export function canonicalId(text: string): string | undefined {
  if (ID15.test(text)) return text + idSuffix(text);
  if (!ID18.test(text)) return undefined;
  const suffix = text.slice(15).toUpperCase();
  let id15 = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    const bits = SUFFIX_ALPHABET.indexOf(suffix[chunk] as string);
    if (bits < 0) return undefined;
    for (let i = 0; i < 5; i++) {
      const c = text[chunk * 5 + i] as string;
      id15 += bits & (1 << i) ? c.toUpperCase() : c.toLowerCase();
    }
  }
  return id15 + idSuffix(id15);
}
