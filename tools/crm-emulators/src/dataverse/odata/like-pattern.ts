/**
 * contains/startswith/endswith become T-SQL `LIKE` conditions in Dataverse, so `%`, `_`, `[…]` and
 * `[^…]` in the value are wildcards, and a bracketed wildcard (`[%]`) matches literally
 * (https://learn.microsoft.com/power-apps/developer/data-platform/wildcard-characters). Matching
 * ignores case, like the database collation.
 */
export function likeMatcher(value: string, fn: 'contains' | 'startswith' | 'endswith'): (text: string) => boolean {
  const needle = value.toLowerCase();
  if (!/[%_[]/.test(value)) {
    if (fn === 'contains') return (text) => text.includes(needle);
    return fn === 'startswith' ? (text) => text.startsWith(needle) : (text) => text.endsWith(needle);
  }
  const body = likeToRegExp(value);
  const source = fn === 'contains' ? `^.*${body}.*$` : fn === 'startswith' ? `^${body}.*$` : `^.*${body}$`;
  const pattern = new RegExp(source, 'is');
  return (text) => pattern.test(text);
}

const REGEXP_SPECIALS = /[\\^$.*+?()[\]{}|/-]/g;

function likeToRegExp(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    if (ch === '%') out += '.*';
    else if (ch === '_') out += '.';
    else if (ch === '[') {
      const close = value.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      const inside = value.slice(i + 1, close);
      const negated = inside.startsWith('^') && inside.length > 1;
      const members = (negated ? inside.slice(1) : inside).replace(/[\\\]^]/g, (c) => `\\${c}`);
      out += `[${negated ? '^' : ''}${members}]`;
      i = close;
    } else out += ch.replace(REGEXP_SPECIALS, (c) => `\\${c}`);
  }
  return out;
}
