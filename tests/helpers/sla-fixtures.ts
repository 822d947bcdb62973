/**
 * Shared helpers and calendars for the SLA engine tests. Instants in tests are written as ISO
 * strings with an explicit offset and compared as UTC ISO strings with `Z`, so that no result
 * depends on the process time zone (the suite runs a second time under TZ=Pacific/Chatham).
 */
import type { CalendarSpec, Weekday } from '../../scripts/derive/calendar/index.ts';

export const MIN = 60_000;
export const H = 60 * MIN;

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch ms of an ISO instant that must carry `Z` or an offset (never read as local time). */
export function ms(text: string): number {
  if (!WITH_OFFSET.test(text)) throw new Error(`test instant without offset: ${text}`);
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw new Error(`no instant: ${text}`);
  return t;
}

/** `YYYY-MM-DDTHH:MM:SSZ` (milliseconds only when there are some). */
export function iso(t: number): string {
  return new Date(t).toISOString().replace('.000Z', 'Z');
}

/** Open intervals as `[isoStart, isoEnd]` pairs. */
export function isoPairs(pairs: readonly (readonly [number, number])[]): [string, string][] {
  return pairs.map(([a, b]) => [iso(a), iso(b)]);
}

type Hours = { [D in Weekday]?: string[] };

export function weekdays(ranges: string[]): Hours {
  return { mon: ranges, tue: ranges, wed: ranges, thu: ranges, fri: ranges };
}

export function everyDay(ranges: string[]): Hours {
  return { ...weekdays(ranges), sat: ranges, sun: ranges };
}

/** The maintenance-contract calendar of docs/sla.md: Mon-Fri 08-17 in Berlin, DE/BY + 24/31 Dec. */
export const MON_FRI: CalendarSpec = {
  timezone: 'Europe/Berlin',
  hours: weekdays(['08:00-17:00']),
  holidays: { country: 'DE', region: 'BY', dates: ['2026-12-24', '2026-12-31'] },
};

/** A shop: lunch break 12:30-13:30, a short Saturday 10-14. */
export const SHOP: CalendarSpec = {
  timezone: 'Europe/Berlin',
  hours: { ...weekdays(['09:00-12:30', '13:30-18:00']), sat: ['10:00-14:00'] },
  holidays: { country: 'DE', region: 'BY', dates: ['2026-12-24', '2026-12-31'] },
};

export const ALWAYS_UTC: CalendarSpec = { timezone: 'UTC', hours: 'always' };
export const ALWAYS_BERLIN: CalendarSpec = { timezone: 'Europe/Berlin', hours: 'always' };
export const FULL_DAYS_BERLIN: CalendarSpec = { timezone: 'Europe/Berlin', hours: everyDay(['00:00-24:00']) };
export const FULL_DAYS_NEW_YORK: CalendarSpec = {
  timezone: 'America/New_York',
  hours: everyDay(['00:00-24:00']),
};
export const FULL_DAYS_SYDNEY: CalendarSpec = {
  timezone: 'Australia/Sydney',
  hours: everyDay(['00:00-24:00']),
};
export const ALWAYS_SYDNEY: CalendarSpec = { timezone: 'Australia/Sydney', hours: 'always' };
export const NEW_YORK_OFFICE: CalendarSpec = {
  timezone: 'America/New_York',
  hours: weekdays(['09:00-17:00']),
};
/** A night shift on Sundays: the hours that DST changes cut into. */
export const BERLIN_SUNDAY_NIGHT: CalendarSpec = {
  timezone: 'Europe/Berlin',
  hours: { sun: ['01:00-04:00'] },
};
export const SYDNEY_SUNDAY_NIGHT: CalendarSpec = {
  timezone: 'Australia/Sydney',
  hours: { sun: ['01:00-04:00'] },
};
/** A night shift Monday 18:00 to Tuesday 06:00 (UTC): two ranges meeting at midnight. */
export const UTC_NIGHT_SHIFT: CalendarSpec = {
  timezone: 'UTC',
  hours: { mon: ['18:00-24:00'], tue: ['00:00-06:00'] },
};
/** New York office hours with a lunch break: Mon–Fri 08:00–12:00 and 13:00–17:00. */
export const NEW_YORK_SPLIT: CalendarSpec = {
  timezone: 'America/New_York',
  hours: weekdays(['08:00-12:00', '13:00-17:00']),
};
