import { CronTime, validateCronExpression } from 'cron';

/** Whether a name is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Why a cron expression is refused, or undefined when it is valid. */
export function cronProblem(cron: string): string | undefined {
  const { valid, error } = validateCronExpression(cron);
  if (valid) return undefined;
  return `'${cron}' is not a valid cron expression (${error?.message ?? 'unreadable'}); use 5 or 6 fields, e.g. '0 */15 * * * *' (seconds first) or '*/15 * * * *'`;
}

/**
 * The first tick of `cron` in `timeZone` strictly after `after`. The zone is given to
 * `getNextDateFrom` as well: without it, cron reads the expression in the zone of `after` (the
 * process's, UTC on servers), so '0 3 * * *' in Europe/Rome would fire at 03:00 UTC.
 */
export function nextTick(cron: string, timeZone: string, after: Date = new Date()): Date {
  return new CronTime(cron, timeZone).getNextDateFrom(after, timeZone).toJSDate();
}

/**
 * The tick after the one being run: after `due` when the timer fired early (within the tolerance),
 * so that the same tick cannot be claimed and run a second time when it comes.
 *
 * @example
 * ```ts
 * tickAfterRun('0 0 * * * *', 'UTC', due, now); // due 10:00:00, now 09:59:59.5 (early) → 11:00:00
 * ```
 */
export function tickAfterRun(cron: string, timeZone: string, due: Date, now: Date): Date {
  return nextTick(cron, timeZone, due.getTime() > now.getTime() ? due : now);
}
