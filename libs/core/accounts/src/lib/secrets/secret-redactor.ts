import { Injectable } from '@nestjs/common';

const MASK = '[REDACTED]';
/** Shorter values would mask ordinary words all over the logs; connection specs should ask for real secrets. */
const MIN_LENGTH = 4;

/**
 * Knows every account secret the process holds, and masks them in any text: log lines (raw and
 * JSON-escaped forms), error details, plugin messages. One instance per process.
 */
@Injectable()
export class SecretRedactor {
  private readonly secrets = new Set<string>();
  private pattern: RegExp | undefined;

  add(value: unknown): void {
    if (typeof value !== 'string' || value.length < MIN_LENGTH) return;
    const before = this.secrets.size;
    this.secrets.add(value);
    const escaped = JSON.stringify(value).slice(1, -1);
    if (escaped !== value) this.secrets.add(escaped);
    if (this.secrets.size !== before) this.pattern = undefined;
  }

  redact(text: string): string {
    if (this.secrets.size === 0 || !text) return text;
    this.pattern ??= new RegExp(
      [...this.secrets]
        .sort((a, b) => b.length - a.length)
        .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|'),
      'g',
    );
    return text.replace(this.pattern, MASK);
  }

  /** Redacts every string inside a JSON-like value (for structured log fields). */
  redactValue<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.redactValue(v)) as T;
    if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.redactValue(v)])) as T;
    }
    return value;
  }
}
