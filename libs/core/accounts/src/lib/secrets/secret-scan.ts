/** A secret as the redactor searches for it. */
export interface SecretPattern {
  /** The secret, and its JSON-escaped form when that differs (a secret quoted inside JSON text). */
  forms: string[];
  /** Masked only where it is not glued to letters or digits (short secrets and plain words). */
  wholeWord: boolean;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/**
 * Where secrets occur in `text`, as sorted, merged [start, end) ranges. Plain `indexOf` per
 * secret: linear in the text per secret, whatever a secret's length or characters.
 */
export function findSecretRanges(text: string, patterns: Iterable<SecretPattern>): [number, number][] {
  const ranges: [number, number][] = [];
  for (const { forms, wholeWord } of patterns) {
    for (const form of forms) {
      // Advance by one, not by the length: overlapping occurrences ("aaaa" in "aaaaa") are all found.
      for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + 1)) {
        if (!wholeWord || isWholeWord(text, at, form.length)) ranges.push([at, at + form.length]);
      }
    }
  }
  return merge(ranges);
}

/** Whether any secret occurs in `text` at all (ignoring word boundaries): the cheap first test. */
export function mentionsAnySecret(text: string, patterns: Iterable<SecretPattern>): boolean {
  for (const { forms } of patterns) {
    for (const form of forms) if (text.includes(form)) return true;
  }
  return false;
}

/** Replaces each range with the mask. */
export function maskRanges(text: string, ranges: [number, number][], mask: string): string {
  if (ranges.length === 0) return text;
  let out = '';
  let from = 0;
  for (const [start, end] of ranges) {
    out += text.slice(from, start) + mask;
    from = end;
  }
  return out + text.slice(from);
}

function isWholeWord(text: string, at: number, length: number): boolean {
  const before = at > 0 ? text[at - 1] : '';
  const after = text[at + length] ?? '';
  return !(before && WORD_CHAR.test(before)) && !(after && WORD_CHAR.test(after));
}

/** Sorts and merges overlapping or touching ranges, so that two secrets side by side become one mask. */
function merge(ranges: [number, number][]): [number, number][] {
  if (ranges.length < 2) return ranges;
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [ranges[0] as [number, number]];
  for (const range of ranges.slice(1)) {
    const last = merged[merged.length - 1] as [number, number];
    if (range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push(range);
  }
  return merged;
}
