import { DAY_MS } from '../util/sf-dates';

/** A half-open instant range [startMs, endMs). */
export interface InstantRange {
  startMs: number;
  endMs: number;
}

const startOfDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;
const addMonths = (ms: number, months: number) => {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
};

/**
 * The range a SOQL date literal covers at `nowMs`, in the org's time zone (GMT here) and en_US
 * weeks (Sunday first). https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_dateformats.htm
 */
export function dateLiteralRange(name: string, n: number | undefined, nowMs: number): InstantRange {
  const today = startOfDay(nowMs);
  const days = (from: number, count: number): InstantRange => ({ startMs: today + from * DAY_MS, endMs: today + (from + count) * DAY_MS });
  const weekStart = today - new Date(today).getUTCDay() * DAY_MS;
  const monthStart = addMonths(today, 0);
  const yearStart = Date.UTC(new Date(today).getUTCFullYear(), 0, 1);
  const count = n ?? 0;
  switch (name) {
    case 'TODAY': return days(0, 1);
    case 'YESTERDAY': return days(-1, 1);
    case 'TOMORROW': return days(1, 1);
    // "starts with the current day and continues for the past n days"
    case 'LAST_N_DAYS': return days(-count, count + 1);
    case 'NEXT_N_DAYS': return days(1, count);
    case 'N_DAYS_AGO': return days(-count, 1);
    case 'LAST_90_DAYS': return days(-90, 91);
    case 'NEXT_90_DAYS': return days(1, 90);
    case 'THIS_WEEK': return { startMs: weekStart, endMs: weekStart + 7 * DAY_MS };
    case 'LAST_WEEK': return { startMs: weekStart - 7 * DAY_MS, endMs: weekStart };
    case 'NEXT_WEEK': return { startMs: weekStart + 7 * DAY_MS, endMs: weekStart + 14 * DAY_MS };
    case 'LAST_N_WEEKS': return { startMs: weekStart - count * 7 * DAY_MS, endMs: weekStart };
    case 'NEXT_N_WEEKS': return { startMs: weekStart + 7 * DAY_MS, endMs: weekStart + (count + 1) * 7 * DAY_MS };
    case 'THIS_MONTH': return { startMs: monthStart, endMs: addMonths(monthStart, 1) };
    case 'LAST_MONTH': return { startMs: addMonths(monthStart, -1), endMs: monthStart };
    case 'NEXT_MONTH': return { startMs: addMonths(monthStart, 1), endMs: addMonths(monthStart, 2) };
    case 'LAST_N_MONTHS': return { startMs: addMonths(monthStart, -count), endMs: monthStart };
    case 'NEXT_N_MONTHS': return { startMs: addMonths(monthStart, 1), endMs: addMonths(monthStart, count + 1) };
    case 'THIS_YEAR': return { startMs: yearStart, endMs: addMonths(yearStart, 12) };
    case 'LAST_YEAR': return { startMs: addMonths(yearStart, -12), endMs: yearStart };
    case 'NEXT_YEAR': return { startMs: addMonths(yearStart, 12), endMs: addMonths(yearStart, 24) };
    case 'LAST_N_YEARS': return { startMs: addMonths(yearStart, -12 * count), endMs: yearStart };
    case 'NEXT_N_YEARS': return { startMs: addMonths(yearStart, 12), endMs: addMonths(yearStart, 12 * (count + 1)) };
    default: throw new Error(`Unknown date literal ${name}`);
  }
}
