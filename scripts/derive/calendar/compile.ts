/**
 * The compiled calendar: a checked spec turned once into open ranges per weekday (minutes after
 * local midnight), its zone's offsets and its holidays; the day table is laid out lazily on
 * first use (day-table.ts).
 */

import { type ZoneOffsets, zoneOffsetsOf } from '../../model/zone-offsets.ts';
import type { DayTable } from './day-table.ts';
import { mergeRanges } from './day-table.ts';
import type { HolidaySource } from './holidays.ts';
import { type CalendarSpec, CalendarSpecError, checkCalendar, parseRange, WEEKDAYS } from './spec.ts';
import { epochDayOfDate } from './units.ts';

/**
 * Caches that calendars of one configuration may share: public holidays per country/region
 * (three calendars with DE/BY holidays then compute each year's holidays once). Zone offsets
 * are shared by every calendar of the process (`zoneOffsetsOf`).
 */
export interface CalendarCache {
  readonly holidays: Map<string, HolidaySource>;
}

export function createCalendarCache(): CalendarCache {
  return { holidays: new Map() };
}

/** Internal state of a {@link BusinessCalendar}; read only by the modules of this folder. */
export interface CalendarInternals {
  readonly zone: ZoneOffsets;
  /** Open ranges per weekday (0 = Monday), minutes after local midnight, sorted and merged. */
  readonly week: readonly (readonly (readonly [number, number])[])[];
  readonly maxRangesPerDay: number;
  /** Weekdays with open ranges. */
  readonly openDaysPerWeek: number;
  readonly extraHolidays: ReadonlySet<number>;
  readonly publicHolidays: HolidaySource | null;
  table: DayTable | null;
}

/** A compiled calendar: pass it to the functions of this folder (index.ts). */
export interface BusinessCalendar {
  readonly timezone: string;
  /** Open minutes of a week without holidays and DST changes. */
  readonly weeklyOpenMinutes: number;
  readonly internals: CalendarInternals;
}

const compiled = new WeakMap<CalendarSpec, BusinessCalendar>();

/**
 * Compiles a calendar once (cached per spec object). Throws {@link CalendarSpecError} when
 * {@link checkCalendar} finds a problem: configuration checks report those with a line first.
 * `cache` lets the calendars of one configuration share holiday years.
 */
export function compileCalendar(spec: CalendarSpec, cache?: CalendarCache): BusinessCalendar {
  const known = compiled.get(spec);
  if (known) return known;
  const problems = checkCalendar(spec);
  if (problems.length > 0) throw new CalendarSpecError(problems);
  const shared = cache ?? createCalendarCache();

  const week: [number, number][][] = [];
  for (const day of WEEKDAYS) {
    const texts = spec.hours === 'always' ? ['00:00-24:00'] : (spec.hours[day] ?? []);
    week.push(mergeRanges(texts.map((t) => parseRange(t) as [number, number])));
  }
  const weeklyOpenMinutes = week.reduce(
    (sum, ranges) => sum + ranges.reduce((s, r) => s + r[1] - r[0], 0),
    0,
  );

  const zone = zoneOffsetsOf(spec.timezone);
  let publicHolidays: HolidaySource | null = null;
  const country = spec.holidays?.country?.toUpperCase();
  if (country) {
    const region = spec.holidays?.region?.toUpperCase();
    const key = `${country}/${region ?? ''}`;
    publicHolidays = shared.holidays.get(key) ?? null;
    if (!publicHolidays) {
      publicHolidays = { country, region, holidays: null, years: new Map() };
      shared.holidays.set(key, publicHolidays);
    }
  }
  const calendar: BusinessCalendar = {
    timezone: spec.timezone,
    weeklyOpenMinutes,
    internals: {
      zone,
      week,
      maxRangesPerDay: Math.max(...week.map((r) => r.length)),
      openDaysPerWeek: week.filter((r) => r.length > 0).length,
      extraHolidays: new Set((spec.holidays?.dates ?? []).map(epochDayOfDate)),
      publicHolidays,
      table: null,
    },
  };
  compiled.set(spec, calendar);
  return calendar;
}
