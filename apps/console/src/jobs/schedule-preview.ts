// cron's time module only: its index also loads the job runner, which needs Node's child_process.
import { CronTime } from 'cron/dist/time';

/** The next `count` times a cron expression fires in a time zone (the hub schedules with the same library), or why it cannot. */
export function nextRunTimes(cron: string, timeZone: string, count = 5): { times: string[]; problem?: string } {
  try {
    const times = new CronTime(cron.trim(), timeZone).sendAt(count);
    return { times: (Array.isArray(times) ? times : [times]).map((t) => t.setZone(timeZone).toFormat("ccc d LLL yyyy, HH:mm:ss '('ZZZZ')'")) };
  } catch (error) {
    return { times: [], problem: (error as Error).message };
  }
}
