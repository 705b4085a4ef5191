import { Injectable } from '@nestjs/common';
import { findSecretRanges, maskRanges, mentionsAnySecret, type SecretPattern } from './secret-scan';

const MASK = '[REDACTED]';
/** Shorter values are not masked: they would hide ids, counts and short words all over the logs. */
const MIN_LENGTH = 4;
/**
 * A secret at least this long that is not a plain word is masked wherever it occurs inside a value
 * (a plugin quoting it in the middle of a message). Shorter ones, and plain words of letters only
 * (below {@link WORD_SUBSTRING_LENGTH}), are masked only as whole words: a secret "level" masks
 * "sea level" but not "levels", and never a log key.
 */
const SUBSTRING_MIN_LENGTH = 8;
const WORD_SUBSTRING_LENGTH = 16;

/**
 * Knows every account secret the process has seen (stored secrets at start, and every secret the
 * process seals or unseals later), and masks them in values: log line fields, error details,
 * plugin messages. Keys of structured values are never touched, only string values.
 *
 * Scanning is plain `indexOf` per secret — never one regular expression over all secrets, which
 * V8 refuses once the secrets add up to ~32 KB (and whose error message quoted them all).
 */
@Injectable()
export class SecretRedactor {
  private readonly patterns = new Map<string, SecretPattern>();

  /** Remembers a secret (and its JSON-escaped form, as it appears inside serialised JSON). */
  add(value: unknown): void {
    if (typeof value !== 'string' || value.length < MIN_LENGTH || this.patterns.has(value)) return;
    const wholeWord = value.length < SUBSTRING_MIN_LENGTH || (value.length < WORD_SUBSTRING_LENGTH && /^\p{L}+$/u.test(value));
    const escaped = JSON.stringify(value).slice(1, -1);
    this.patterns.set(value, { forms: escaped === value ? [value] : [value, escaped], wholeWord });
  }

  /** How many secrets are known (for the start-up log line). */
  get size(): number {
    return this.patterns.size;
  }

  /** Masks known secrets in one text value (a message, a reason, an error detail). */
  redact(text: string): string {
    if (this.patterns.size === 0 || !text) return text;
    return maskRanges(text, findSecretRanges(text, this.patterns.values()), MASK);
  }

  /** Redacts every string value inside a JSON-like value; keys are kept as they are. */
  redactValue<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.redactValue(v)) as T;
    if (value && typeof value === 'object' && isPlainObject(value)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.redactValue(v)])) as T;
    }
    return value;
  }

  /**
   * Redacts one serialised log line (a JSON object per line, as pino writes them): its string
   * values are redacted, its keys and structure kept. A line that mentions no secret is returned
   * untouched (the common case costs one scan); a line that is not JSON is redacted as text.
   */
  redactJsonLine(line: string): string {
    if (this.patterns.size === 0 || !line || !mentionsAnySecret(line, this.patterns.values())) return line;
    const newline = line.endsWith('\n') ? '\n' : '';
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return this.redact(line);
    }
    const redacted = this.redactValue(parsed);
    const text = JSON.stringify(redacted);
    // A secret only in a key (a plugin's field name): keys are structure, so the line is kept.
    return text === JSON.stringify(parsed) ? line : `${text}${newline}`;
  }
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
