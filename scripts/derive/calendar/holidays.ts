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

/**
 * Public holidays computed in another thread and handed over (`HolidayYears`): the local dates
 * (epoch days) of each year, by `COUNTRY` or `COUNTRY/REGION`. A thread that has them neither loads
 * date-holidays (about 0.15 s on a 2-vCPU machine) nor computes those years again.
 */
export type HolidayYears = { key: string; years: [year: number, days: number[]][] }[];

const handedOver = new Map<string, Map<number, ReadonlySet<number>>>();

/** `DE` for a whole country, `DE/BY` for a region (an empty region, which no check passes, `DE/`). */
function sourceKey(country: string, region: string | undefined): string {
  return region === undefined ? country.toUpperCase() : `${country.toUpperCase()}/${region.toUpperCase()}`;
}

/** Takes the public holidays another thread computed (see HolidayYears). */
export function addHolidayYears(list: HolidayYears): void {
  for (const { key, years } of list) {
    const known = handedOver.get(key) ?? new Map<number, ReadonlySet<number>>();
    handedOver.set(key, known);
    for (const [year, days] of years) known.set(year, new Set(days));
  }
}

/**
 * Whether holidays of this country and region were handed over: they were computed from a
 * calendar whose check passed, so the country and region are known to date-holidays.
 */
export function holidaysHandedOver(country: string, region: string | undefined): boolean {
  return handedOver.has(sourceKey(country, region));
}

/**
 * The public holidays of a compiled calendar's country/region in `years`, to hand to another
 * thread: computed into `source` (where this thread's own clocks find them too).
 */
export function publicHolidayYears(source: HolidaySource, years: readonly number[]): HolidayYears[number] {
  return {
    key: sourceKey(source.country, source.region),
    years: years.map((year) => [year, [...publicHolidayDays(source, year)]]),
  };
}

function publicHolidayDays(source: HolidaySource, year: number): ReadonlySet<number> {
  let days = source.years.get(year) ?? handedOver.get(sourceKey(source.country, source.region))?.get(year);
  if (days) {
    source.years.set(year, days);
    return days;
  }
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
