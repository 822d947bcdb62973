/**
 * Holidays of a calendar (docs/sla.md): the public holidays of a country/region from
 * date-holidays, computed per year on first use and shared between calendars, plus the
 * calendar's own extra dates. A holiday closes the whole local date.
 */
import { createRequire } from 'node:module';
import type HolidaysClass from 'date-holidays';
import type { BusinessCalendar, CalendarInternals } from './compile.ts';
import { DAY, epochDayOfDate } from './units.ts';

// date-holidays and its data take ~0.2 s to load: only calendars with holidays pay for them.
type Holidays = HolidaysClass;
let HolidaysCtor: typeof HolidaysClass | undefined;
export function holidaysLib(): typeof HolidaysClass {
  HolidaysCtor ??= createRequire(import.meta.url)('date-holidays') as typeof HolidaysClass;
  return HolidaysCtor;
}

/** Public holidays of one country/region, per year, computed on first use. */
export interface HolidaySource {
  readonly country: string;
  readonly region: string | undefined;
  holidays: Holidays | null;
  readonly years: Map<number, ReadonlySet<number>>;
}

function publicHolidayDays(source: HolidaySource, year: number): ReadonlySet<number> {
  let days = source.years.get(year);
  if (days) return days;
  if (!source.holidays) {
    source.holidays = source.region
      ? new (holidaysLib())(source.country, source.region, { types: ['public'] })
      : new (holidaysLib())(source.country, { types: ['public'] });
  }
  const set = new Set<number>();
  for (const h of source.holidays.getHolidays(year)) {
    if (h.type !== 'public') continue;
    const first = epochDayOfDate(h.date.slice(0, 10));
    if (Number.isNaN(first)) continue;
    // A holiday of several days (rare) closes each of them.
    const span = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY));
    for (let k = 0; k < span; k++) set.add(first + k);
  }
  days = set;
  source.years.set(year, days);
  return days;
}

/** Whether the local date with epoch day number `day` is a holiday of the calendar. */
export function isHoliday(cal: CalendarInternals, day: number, year: number): boolean {
  if (cal.extraHolidays.has(day)) return true;
  return cal.publicHolidays !== null && publicHolidayDays(cal.publicHolidays, year).has(day);
}

/** Whether the local date `YYYY-MM-DD` is a holiday of the calendar (public or an extra date). */
export function isHolidayDate(cal: BusinessCalendar, date: string): boolean {
  const day = epochDayOfDate(date);
  if (Number.isNaN(day)) throw new RangeError(`"${date}" is no valid date`);
  return isHoliday(cal.internals, day, Number(date.slice(0, 4)));
}
