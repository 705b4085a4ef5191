import { changeTrackingExpired, querySyntaxError } from '../errors';

/**
 * Delta tokens as the service writes them: `<version>!<MM/dd/yyyy HH:mm:ss>` (UTC), e.g.
 * `919042!08/22/2017 08:10:44` (use-change-tracking-synchronize-data-external-systems.md). The
 * version is the organization row version the token covers; the date is when it was issued.
 */
export function writeDeltaToken(version: number, issuedMs: number): string {
  const d = new Date(issuedMs);
  const two = (n: number) => String(n).padStart(2, '0');
  const date = `${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${d.getUTCFullYear()}`;
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `${version}!${date} ${time}`;
}

export function readDeltaToken(token: string): { version: number; issuedMs: number } {
  const match = /^(\d+)!(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(token.trim());
  if (!match) throw querySyntaxError(`The delta token '${token}' is not valid.`);
  const [, version, month, day, year, h, m, s] = match.map(Number) as number[];
  return { version: version as number, issuedMs: Date.UTC(year as number, (month as number) - 1, day, h, m, s) };
}

/**
 * Refuses tokens older than the organization's ExpireChangeTrackingInDays (default 7) or older than the
 * table's change history (after truncation), with the ExpiredVersionStamp error.
 */
export function checkDeltaToken(token: { version: number; issuedMs: number }, nowMs: number, expiryDays: number, historyFloor: number): void {
  if (nowMs - token.issuedMs > expiryDays * 24 * 60 * 60 * 1000 || token.version < historyFloor) throw changeTrackingExpired();
}
