/**
 * The instant a calendar day (`YYYY-MM-DD`, as a date input gives it) starts in the browser's time
 * zone, `plusDays` later, as an ISO date-time for the hub. People pick days in their own time zone;
 * the hub compares instants. Anything else is returned unchanged, so that the hub's validation
 * explains what is wrong with it (a hand-edited URL).
 *
 * @example
 * ```ts
 * localDayStart('2026-12-03'); // '2026-12-02T23:00:00.000Z' in Rome
 * localDayStart('2026-12-03', 1); // the start of 4 December
 * ```
 */
export function localDayStart(day: string, plusDays = 0): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const start = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + plusDays);
  return Number.isNaN(start.getTime()) ? day : start.toISOString();
}

/** The date `plusDays` from today in the browser's time zone, as a date input takes it (`YYYY-MM-DD`). */
export function localDay(plusDays = 0, now = new Date()): string {
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + plusDays);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}
