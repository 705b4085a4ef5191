import { UsageError } from '../usage-error';

/** How long something took, as people say it: 850 ms, 12.4 s, 3 min 05 s. */
export function formatDuration(seconds: number | undefined | null): string {
  if (seconds === undefined || seconds === null || !Number.isFinite(seconds)) return '';
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`;
}

/** A run's counters in one line: only what is not zero, read always. */
export function formatCounters(counters: { read: number; inserted: number; updated: number; deleted: number; rejected: number; skipped: number }): string {
  const parts = [`read ${counters.read.toLocaleString('en-US')}`];
  for (const key of ['inserted', 'updated', 'deleted', 'rejected', 'skipped'] as const) {
    if (counters[key] > 0) parts.push(`${key} ${counters[key].toLocaleString('en-US')}`);
  }
  return parts.join(' · ');
}

/** A short, stable form of a date-time for tables (UTC, seconds). */
export function formatInstant(iso: string | undefined | null): string {
  if (!iso) return '';
  return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

/** Parses a JSON option value, naming the option when it is not JSON. */
export function parseJsonOption<T = unknown>(option: string, text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new UsageError(`${option} is not valid JSON (${(error as Error).message}): quote it for the shell, e.g. ${option} '{"key":"value"}'`);
  }
}

/** Splits a comma-separated option (`--fields Name,Plan__c`), dropping blanks. */
export function parseList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * Checks a date-time option (`--since 2026-12-01T00:00:00Z`) before anything is sent, so that the
 * message names the flag typed rather than the API's field; the hub checks it strictly again.
 */
export function parseDateTimeOption(option: string, text: string): string {
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(Date.parse(text))) {
    throw new UsageError(`${option} takes an ISO 8601 date-time, e.g. 2027-01-31T00:00:00Z, not '${text}'`);
  }
  return text;
}
