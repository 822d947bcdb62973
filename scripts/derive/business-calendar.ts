/**
 * Business calendars (docs/sla.md): when a team works, in its own time zone, minus holidays.
 *
 * Units: every instant is **epoch milliseconds** (`number`, UTC, as `Date.parse` returns it);
 * working time is in **working minutes** in the public minute functions and in working
 * milliseconds in the `...Ms` functions that the SLA clocks use for exact arithmetic.
 *
 * How it stays fast: a calendar compiles its week into open ranges per weekday (minutes after
 * local midnight) and converts local dates to instants lazily, in numbers: the zone's UTC offset
 * transitions are read once from Temporal per stretch of years, every later local→UTC step is
 * a binary search over them. Days are laid out in a table of consecutive local dates (grown on
 * demand) with prefix sums of working time and of business days, so working time between two
 * instants, adding working time and adding business days each cost two or three binary searches,
 * whatever the distance: 250bd costs what 1bd costs. Holidays and DST changes are simply the days
 * whose row differs; no week is assumed regular.
 */
import { createRequire } from 'node:module';
import type HolidaysClass from 'date-holidays';
import { Temporal } from 'temporal-polyfill';

// date-holidays and its data take ~0.2 s to load: only calendars with holidays pay for them.
type Holidays = HolidaysClass;
let HolidaysCtor: typeof HolidaysClass | undefined;
function holidaysLib(): typeof HolidaysClass {
  HolidaysCtor ??= createRequire(import.meta.url)('date-holidays') as typeof HolidaysClass;
  return HolidaysCtor;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const YEAR = 365 * DAY;
/** Temporal's instant range: ±10^8 days around the epoch. */
const INSTANT_LIMIT = 8.64e15;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A calendar as written in opsbook.yaml `calendars.<id>` (see docs/file-formats.md). */
export interface CalendarSpec {
  /** IANA time zone in which the hours and the holidays' dates are meant. */
  readonly timezone: string;
  /** `always` (24/7), or per weekday a list of `HH:MM-HH:MM` ranges; a missing day is closed. */
  readonly hours: 'always' | { readonly [D in Weekday]?: readonly string[] };
  readonly holidays?: {
    /** ISO 3166 country of the public holidays (date-holidays data). */
    readonly country?: string;
    /** State / region code within the country (date-holidays `getStates`). */
    readonly region?: string;
    /** Further closed days, `YYYY-MM-DD`. */
    readonly dates?: readonly string[];
  };
}

/** Something wrong with a calendar; `path` is relative to the calendar's entry. */
export interface CalendarProblem {
  path: (string | number)[];
  message: string;
  /** Rule code, see docs/rules.md. */
  code: string;
}

/** Thrown by {@link compileCalendar} for a calendar that {@link checkCalendar} rejects. */
export class CalendarSpecError extends Error {
  readonly problems: readonly CalendarProblem[];
  constructor(problems: readonly CalendarProblem[]) {
    super(`invalid calendar: ${problems.map((p) => p.message).join('; ')}`);
    this.name = 'CalendarSpecError';
    this.problems = problems;
  }
}

// ---------------------------------------------------------------------------------------------
// Checking a spec

const RANGE = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/;
const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `[startMinute, endMinute]` after local midnight, end up to 1440 (`24:00`), or a message. */
function parseRange(text: string): [number, number] | string {
  const m = RANGE.exec(text);
  if (!m) return `"${text}" is no time range: expected HH:MM-HH:MM, e.g. 08:00-17:00`;
  const [sh, sm, eh, em] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  if (sh > 23 || sm > 59) return `"${text}" starts at no time of day`;
  if (!((eh <= 23 && em <= 59) || (eh === 24 && em === 0)))
    return `"${text}" ends at no time of day (24:00 is the latest end)`;
  const start = sh * 60 + sm;
  const end = eh * 60 + em;
  if (end <= start) return `range "${text}" ends at or before its start (a range cannot run past midnight)`;
  return [start, end];
}

/** Epoch day of a plain `YYYY-MM-DD` date, or NaN when it is no valid date. */
function epochDayOfDate(text: string): number {
  const m = PLAIN_DATE.exec(text);
  if (!m) return Number.NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    return Number.NaN;
  }
  return ms / DAY;
}

/** Whether `zone` is an IANA time zone that Temporal knows (offsets like `+01:00` are not). */
export function isKnownTimeZone(zone: unknown): boolean {
  if (typeof zone !== 'string' || !/^[A-Za-z]/.test(zone)) return false;
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(zone as string);
    return true;
  } catch {
    return false;
  }
}

/**
 * Everything that keeps a calendar from working as its owner meant: an unknown zone, malformed,
 * empty or overlapping ranges, a calendar that is never open, an unknown holiday country or
 * region, an invalid holiday date. Empty when the calendar is fine.
 */
export function checkCalendar(calendarSpec: CalendarSpec): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  // The spec comes from YAML: every part may have any shape, and each wrong one is a problem,
  // never an exception (the configuration check reports them with their lines).
  const spec = (
    typeof calendarSpec === 'object' && calendarSpec !== null ? calendarSpec : {}
  ) as Partial<CalendarSpec>;
  if (!isKnownTimeZone(spec.timezone)) {
    problems.push({
      path: ['timezone'],
      code: 'config/timezone',
      message: `unknown time zone "${String(spec.timezone)}" (expected an IANA zone such as Europe/Berlin)`,
    });
  }
  let openMinutes = 0;
  if (spec.hours === 'always') {
    openMinutes = 7 * 1440;
  } else if (typeof spec.hours === 'object' && spec.hours !== null && !Array.isArray(spec.hours)) {
    for (const [day, value] of Object.entries(spec.hours) as [string, unknown][]) {
      if (!(WEEKDAYS as readonly string[]).includes(day)) {
        if (!day.startsWith('x-')) {
          problems.push({
            path: ['hours', day],
            code: 'config/calendar-day',
            message: `"${day}" is no weekday (expected mon, tue, wed, thu, fri, sat or sun)`,
          });
        }
        continue;
      }
      if (value !== null && value !== undefined && !Array.isArray(value)) {
        problems.push({
          path: ['hours', day],
          code: 'config/calendar-range',
          message: `the hours of ${day} must be a list of ranges such as ["08:00-17:00"]`,
        });
        continue;
      }
      const ranges = (value ?? []) as readonly unknown[];
      const parsed: { range: [number, number]; index: number }[] = [];
      ranges.forEach((text, index) => {
        const range = parseRange(String(text));
        if (typeof range === 'string') {
          problems.push({ path: ['hours', day, index], code: 'config/calendar-range', message: range });
        } else {
          parsed.push({ range, index });
        }
      });
      parsed.sort((a, b) => a.range[0] - b.range[0]);
      for (let i = 1; i < parsed.length; i++) {
        const prev = parsed[i - 1] as (typeof parsed)[number];
        const cur = parsed[i] as (typeof parsed)[number];
        if (cur.range[0] < prev.range[1]) {
          problems.push({
            path: ['hours', day, cur.index],
            code: 'config/calendar-overlap',
            message: `ranges "${String(ranges[prev.index])}" and "${String(ranges[cur.index])}" on ${day} overlap`,
          });
        }
      }
      for (const { range } of parsed) openMinutes += range[1] - range[0];
    }
  } else {
    problems.push({
      path: ['hours'],
      code: 'config/calendar-range',
      message: 'hours must be "always" or a map of weekdays to ranges',
    });
  }
  if (openMinutes === 0) {
    problems.push({
      path: ['hours'],
      code: 'config/calendar-closed',
      message: 'the calendar is never open: no weekday has an open range, so no SLA clock could ever run',
    });
  }
  const holidays = spec.holidays as unknown;
  if (holidays === undefined || holidays === null) return problems;
  if (typeof holidays !== 'object' || Array.isArray(holidays)) {
    problems.push({
      path: ['holidays'],
      code: 'config/calendar-holiday-country',
      message: 'holidays must be a map with country, region and dates',
    });
    return problems;
  }
  const { country, region, dates } = holidays as { country?: unknown; region?: unknown; dates?: unknown };
  if (country !== undefined && country !== null) {
    const countries = new (holidaysLib())().getCountries() as Record<string, string>;
    if (typeof country !== 'string' || !Object.hasOwn(countries, country.toUpperCase())) {
      problems.push({
        path: ['holidays', 'country'],
        code: 'config/calendar-holiday-country',
        message: `no holiday data for country "${String(country)}" (expected an ISO 3166 code such as DE)`,
      });
    } else if (region !== undefined && region !== null) {
      const states = (new (holidaysLib())().getStates(country.toUpperCase()) ?? {}) as Record<string, string>;
      if (typeof region !== 'string' || !Object.hasOwn(states, region.toUpperCase())) {
        const known = Object.keys(states);
        problems.push({
          path: ['holidays', 'region'],
          code: 'config/calendar-holiday-region',
          message: `no holiday data for region "${String(region)}" of ${country.toUpperCase()}${known.length ? ` (known: ${known.join(', ')})` : ' (the country has no regions)'}`,
        });
      }
    }
  } else if (region !== undefined && region !== null) {
    problems.push({
      path: ['holidays', 'region'],
      code: 'config/calendar-holiday-region',
      message: `holiday region "${String(region)}" needs a country`,
    });
  }
  if (dates !== undefined && dates !== null && !Array.isArray(dates)) {
    problems.push({
      path: ['holidays', 'dates'],
      code: 'config/calendar-holiday-date',
      message: 'holiday dates must be a list of dates such as ["2026-12-24"]',
    });
  } else {
    ((dates ?? []) as readonly unknown[]).forEach((date, index) => {
      if (Number.isNaN(epochDayOfDate(String(date)))) {
        problems.push({
          path: ['holidays', 'dates', index],
          code: 'config/calendar-holiday-date',
          message: `"${String(date)}" is no valid date (expected YYYY-MM-DD)`,
        });
      }
    });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Zone offsets in numbers

/**
 * The UTC offsets of one zone over a stretch of instants `[lo, hi)`: `offsets[i]` holds from
 * `transitions[i]` on, `baseOffset` before the first transition. Grown on demand.
 */
export interface ZoneOffsets {
  readonly zone: string;
  lo: number;
  hi: number;
  transitions: number[];
  offsets: number[];
  baseOffset: number;
}

function coverZone(z: ZoneOffsets, t: number): void {
  let lo: number;
  let hi: number;
  if (z.lo >= z.hi) {
    lo = t - 3 * YEAR;
    hi = t + 3 * YEAR;
  } else {
    const grow = Math.max(3 * YEAR, (z.hi - z.lo) / 2);
    lo = t < z.lo ? t - grow : z.lo;
    hi = t >= z.hi ? t + grow : z.hi;
  }
  lo = Math.max(Math.floor(lo), -INSTANT_LIMIT);
  hi = Math.min(Math.ceil(hi), INSTANT_LIMIT);
  if (!(t >= lo && t < hi)) throw new RangeError(`instant ${t} is outside the supported range`);
  let zdt = Temporal.Instant.fromEpochMilliseconds(lo).toZonedDateTimeISO(z.zone);
  const transitions: number[] = [];
  const offsets: number[] = [];
  const baseOffset = zdt.offsetNanoseconds / 1e6;
  for (;;) {
    const next = zdt.getTimeZoneTransition('next');
    if (!next || next.epochMilliseconds >= hi) break;
    transitions.push(next.epochMilliseconds);
    offsets.push(next.offsetNanoseconds / 1e6);
    zdt = next;
  }
  z.lo = lo;
  z.hi = hi;
  z.transitions = transitions;
  z.offsets = offsets;
  z.baseOffset = baseOffset;
}

/** UTC offset in milliseconds (local = UTC + offset) of `zone` at instant `t`. */
function offsetAt(z: ZoneOffsets, t: number): number {
  if (!(t >= z.lo && t < z.hi)) coverZone(z, t);
  const tr = z.transitions;
  let lo = 0;
  let hi = tr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((tr[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? z.baseOffset : (z.offsets[lo - 1] as number);
}

/**
 * The instant of a local wall-clock time (`wall` = the local date-time read as if it were UTC,
 * in epoch milliseconds) with Temporal's `compatible` disambiguation: a skipped time moves
 * forward by the gap, a repeated one takes the earlier instant. Assumes no two offset changes
 * within two days of each other (true of every zone in the tz database since 1970).
 */
function instantOfWall(z: ZoneOffsets, wall: number): number {
  const before = offsetAt(z, wall - DAY);
  const after = offsetAt(z, wall + DAY);
  if (before === after) return wall - before;
  const a = wall - before;
  const b = wall - after;
  const aValid = offsetAt(z, a) === before;
  const bValid = offsetAt(z, b) === after;
  if (aValid && bValid) return Math.min(a, b);
  if (aValid) return a;
  if (bValid) return b;
  return a;
}

// ---------------------------------------------------------------------------------------------
// Holidays

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

/**
 * Caches that calendars of one configuration may share: zone offsets per zone and public
 * holidays per country/region (three calendars in Europe/Berlin with DE/BY holidays then read
 * the zone and compute each year's holidays once).
 */
export interface CalendarCache {
  readonly zones: Map<string, ZoneOffsets>;
  readonly holidays: Map<string, HolidaySource>;
}

export function createCalendarCache(): CalendarCache {
  return { zones: new Map(), holidays: new Map() };
}

// ---------------------------------------------------------------------------------------------
// The compiled calendar

/**
 * Consecutive local dates `first .. first+count-1` (epoch day numbers of the local date):
 * `start[i]` is the instant of day i's local midnight (`start[count]` the end of the last day),
 * `cumWork[i]` the working milliseconds before day i, `cumBusiness[i]` the business days
 * before day i, and day i's open intervals are the instant pairs
 * `intervals[ivIndex[i]] .. intervals[ivIndex[i+1]-1]` (start, end, start, end, ...), sorted,
 * disjoint, inside the day.
 */
export interface DayTable {
  readonly first: number;
  readonly count: number;
  readonly start: Float64Array;
  readonly cumWork: Float64Array;
  readonly cumBusiness: Int32Array;
  readonly ivIndex: Int32Array;
  readonly intervals: Float64Array;
}

/** Internal state of a {@link BusinessCalendar}; read only by this module. */
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

/** A compiled calendar: pass it to the functions of this module. */
export interface BusinessCalendar {
  readonly timezone: string;
  /** Open minutes of a week without holidays and DST changes. */
  readonly weeklyOpenMinutes: number;
  readonly internals: CalendarInternals;
}

const compiled = new WeakMap<CalendarSpec, BusinessCalendar>();

function mergeRanges(ranges: [number, number][]): [number, number][] {
  ranges.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/**
 * Compiles a calendar once (cached per spec object). Throws {@link CalendarSpecError} when
 * {@link checkCalendar} finds a problem: configuration checks report those with a line first.
 * `cache` lets the calendars of one configuration share zone offsets and holiday years.
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

  let zone = shared.zones.get(spec.timezone);
  if (!zone) {
    zone = { zone: spec.timezone, lo: 0, hi: 0, transitions: [], offsets: [], baseOffset: 0 };
    shared.zones.set(spec.timezone, zone);
  }
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

/** Whether the local date with epoch day number `day` is a holiday of the calendar. */
function isHoliday(cal: CalendarInternals, day: number, year: number): boolean {
  if (cal.extraHolidays.has(day)) return true;
  return cal.publicHolidays !== null && publicHolidayDays(cal.publicHolidays, year).has(day);
}

function buildTable(cal: CalendarInternals, first: number, count: number): DayTable {
  const z = cal.zone;
  const start = new Float64Array(count + 1);
  const cumWork = new Float64Array(count + 1);
  const cumBusiness = new Int32Array(count + 1);
  const ivIndex = new Int32Array(count + 1);
  const intervals = new Float64Array(Math.max(1, count * cal.maxRangesPerDay * 2));
  const day: number[] = [];
  let n = 0;
  let work = 0;
  let business = 0;
  let dayStart = instantOfWall(z, first * DAY);
  let year = new Date(first * DAY).getUTCFullYear();
  let nextYearDay = Date.UTC(year + 1, 0, 1) / DAY;
  for (let i = 0; i < count; i++) {
    const d = first + i;
    if (d >= nextYearDay) {
      year++;
      nextYearDay = Date.UTC(year + 1, 0, 1) / DAY;
    }
    const dayEnd = instantOfWall(z, (d + 1) * DAY);
    start[i] = dayStart;
    cumWork[i] = work;
    cumBusiness[i] = business;
    ivIndex[i] = n;
    const ranges = cal.week[(((d + 3) % 7) + 7) % 7] as readonly (readonly [number, number])[];
    if (ranges.length > 0 && !isHoliday(cal, d, year)) {
      day.length = 0;
      let sorted = true;
      for (const [from, to] of ranges) {
        let a = from === 0 ? dayStart : instantOfWall(z, d * DAY + from * MINUTE);
        let b = to === 1440 ? dayEnd : instantOfWall(z, d * DAY + to * MINUTE);
        if (a < dayStart) a = dayStart;
        if (b > dayEnd) b = dayEnd;
        if (b <= a) continue; // a range that a DST change skips entirely
        if (day.length > 0 && a < (day[day.length - 2] as number)) sorted = false;
        day.push(a, b);
      }
      // On a DST day two ranges' instants may touch or overlap ("01:00-02:30", "03:00-05:00").
      if (!sorted) {
        const pairs: [number, number][] = [];
        for (let k = 0; k < day.length; k += 2) pairs.push([day[k] as number, day[k + 1] as number]);
        day.length = 0;
        for (const [a, b] of mergeRanges(pairs)) day.push(a, b);
      }
      const n0 = n;
      for (let k = 0; k < day.length; k += 2) {
        const a = day[k] as number;
        const b = day[k + 1] as number;
        if (n > n0 && a <= (intervals[n - 1] as number)) {
          work += Math.max(0, b - (intervals[n - 1] as number));
          intervals[n - 1] = Math.max(b, intervals[n - 1] as number);
          continue;
        }
        intervals[n++] = a;
        intervals[n++] = b;
        work += b - a;
      }
      if (n > n0) business++;
    }
    dayStart = dayEnd;
  }
  start[count] = dayStart;
  cumWork[count] = work;
  cumBusiness[count] = business;
  ivIndex[count] = n;
  return { first, count, start, cumWork, cumBusiness, ivIndex, intervals };
}

/**
 * The day table, grown to cover the local dates `lo..hi` (epoch days, inclusive). Growing
 * towards the future keeps `first`, so indices and prefix sums read earlier stay valid.
 */
function coverDays(cal: CalendarInternals, lo: number, hi: number): DayTable {
  const t = cal.table;
  if (t && lo >= t.first && hi < t.first + t.count) return t;
  let first: number;
  let end: number;
  if (!t) {
    first = lo - 400;
    end = hi + 400;
  } else {
    const grow = Math.max(400, t.count >> 1);
    first = lo < t.first ? lo - grow : t.first;
    end = hi >= t.first + t.count ? hi + grow : t.first + t.count;
  }
  const table = buildTable(cal, first, end - first);
  cal.table = table;
  return table;
}

function assertInstant(ms: number, name: string): void {
  if (!Number.isFinite(ms) || Math.abs(ms) > INSTANT_LIMIT - 2 * YEAR) {
    throw new RangeError(`${name} must be an instant in epoch milliseconds, got ${ms}`);
  }
}

/** The table covering the instants `from..to`. */
function coverInstants(cal: CalendarInternals, from: number, to: number): DayTable {
  return coverDays(cal, Math.floor(from / DAY) - 1, Math.floor(to / DAY) + 1);
}

/** Index of the day containing instant `t` (the table must cover it). */
function dayIndex(tb: DayTable, t: number): number {
  let i = Math.floor(t / DAY) - tb.first;
  const start = tb.start;
  while (t < (start[i] as number)) i--;
  while (t >= (start[i + 1] as number)) i++;
  return i;
}

/** Working milliseconds from the table's first day to `t`. */
function workBefore(tb: DayTable, t: number): number {
  const i = dayIndex(tb, t);
  let w = tb.cumWork[i] as number;
  const iv = tb.intervals;
  const end = tb.ivIndex[i + 1] as number;
  for (let k = tb.ivIndex[i] as number; k < end; k += 2) {
    const a = iv[k] as number;
    const b = iv[k + 1] as number;
    if (t >= b) w += b - a;
    else {
      if (t > a) w += t - a;
      break;
    }
  }
  return w;
}

/** The table grown by about `daysNeeded` days past its end (at least two weeks). */
function growForward(cal: CalendarInternals, tb: DayTable, daysNeeded: number): DayTable {
  return coverDays(cal, tb.first, tb.first + tb.count + Math.max(14, Math.ceil(daysNeeded)));
}

// ---------------------------------------------------------------------------------------------
// Public arithmetic (instants in epoch milliseconds)

/** Working milliseconds in `[fromMs, toMs)`; 0 when `toMs <= fromMs`. */
export function workingMsBetween(cal: BusinessCalendar, fromMs: number, toMs: number): number {
  assertInstant(fromMs, 'fromMs');
  assertInstant(toMs, 'toMs');
  if (!(toMs > fromMs)) return 0;
  const tb = coverInstants(cal.internals, fromMs, toMs);
  return workBefore(tb, toMs) - workBefore(tb, fromMs);
}

/** Working minutes in `[fromMs, toMs)` (fractional when the instants are not on whole minutes). */
export function workingMinutesBetween(cal: BusinessCalendar, fromMs: number, toMs: number): number {
  return workingMsBetween(cal, fromMs, toMs) / MINUTE;
}

/**
 * The earliest instant (epoch ms) by which `workMs` working milliseconds have passed since
 * `startMs`; `startMs` itself for 0. The result is never in closed time unless it is the end of
 * an open interval: 8h from 09:00 on a 09:00-17:00 day is 17:00 that day.
 */
export function addWorkingMs(cal: BusinessCalendar, startMs: number, workMs: number): number {
  assertInstant(startMs, 'startMs');
  if (!Number.isFinite(workMs)) throw new RangeError(`workMs must be a finite number, got ${workMs}`);
  if (!(workMs > 0)) return startMs;
  const c = cal.internals;
  let tb = coverInstants(c, startMs, startMs);
  const target = workBefore(tb, startMs) + workMs;
  const weeklyMs = cal.weeklyOpenMinutes * MINUTE;
  while ((tb.cumWork[tb.count] as number) < target) {
    tb = growForward(c, tb, (((target - (tb.cumWork[tb.count] as number)) / weeklyMs) * 7 + 7) * 1.2);
  }
  // The first day whose end reaches the target.
  let lo = dayIndex(tb, startMs);
  let hi = tb.count - 1;
  const cum = tb.cumWork;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cum[mid + 1] as number) >= target) hi = mid;
    else lo = mid + 1;
  }
  let rest = target - (cum[lo] as number);
  const iv = tb.intervals;
  const end = tb.ivIndex[lo + 1] as number;
  for (let k = tb.ivIndex[lo] as number; k < end; k += 2) {
    const a = iv[k] as number;
    const length = (iv[k + 1] as number) - a;
    if (rest <= length) return a + rest;
    rest -= length;
  }
  throw new Error('addWorkingMs: inconsistent day table');
}

/** {@link addWorkingMs} in working minutes (rounded to whole milliseconds). */
export function addWorkingMinutes(cal: BusinessCalendar, startMs: number, minutes: number): number {
  return addWorkingMs(cal, startMs, Math.round(minutes * MINUTE));
}

/** Whether the calendar is open at instant `ms` (open intervals include their start, not their end). */
export function isOpen(cal: BusinessCalendar, ms: number): boolean {
  assertInstant(ms, 'ms');
  const tb = coverInstants(cal.internals, ms, ms);
  const i = dayIndex(tb, ms);
  const iv = tb.intervals;
  const end = tb.ivIndex[i + 1] as number;
  for (let k = tb.ivIndex[i] as number; k < end; k += 2) {
    if (ms < (iv[k] as number)) return false;
    if (ms < (iv[k + 1] as number)) return true;
  }
  return false;
}

/** `ms` when the calendar is open then, else the start of the next open interval (epoch ms). */
export function nextOpening(cal: BusinessCalendar, ms: number): number {
  assertInstant(ms, 'ms');
  const c = cal.internals;
  let tb = coverInstants(c, ms, ms);
  const i = dayIndex(tb, ms);
  const iv = tb.intervals;
  const end = tb.ivIndex[i + 1] as number;
  for (let k = tb.ivIndex[i] as number; k < end; k += 2) {
    if (ms < (iv[k + 1] as number)) return Math.max(ms, iv[k] as number);
  }
  const before = tb.cumWork[i + 1] as number;
  while ((tb.cumWork[tb.count] as number) <= before) tb = growForward(c, tb, 60);
  let lo = i + 1;
  let hi = tb.count - 1;
  const cum = tb.cumWork;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cum[mid + 1] as number) > before) hi = mid;
    else lo = mid + 1;
  }
  return tb.intervals[tb.ivIndex[lo] as number] as number;
}

/**
 * N business days after `startMs` (docs/sla.md): from the start, or from the next opening when
 * the start is outside open hours, the same local time of day on the N-th following business
 * day (a day with open hours that is no holiday). When that time is not inside the day's open
 * hours (an interval's end counts as inside), the result is the next opening on that day, or
 * the day's last closing if none follows. 0 days → `startMs`. Instants in epoch milliseconds.
 */
export function addBusinessDays(cal: BusinessCalendar, startMs: number, days: number): number {
  assertInstant(startMs, 'startMs');
  if (!Number.isFinite(days)) throw new RangeError(`days must be a finite number, got ${days}`);
  if (!(days > 0)) return startMs;
  const c = cal.internals;
  const from = nextOpening(cal, startMs);
  let tb = coverInstants(c, from, from);
  const i = dayIndex(tb, from);
  const wall = from + offsetAt(c.zone, from);
  const timeOfDay = wall - Math.floor(wall / DAY) * DAY;
  const need = (tb.cumBusiness[i + 1] as number) + days;
  while ((tb.cumBusiness[tb.count] as number) < need) {
    tb = growForward(
      c,
      tb,
      (((need - (tb.cumBusiness[tb.count] as number)) / c.openDaysPerWeek) * 7 + 7) * 1.2,
    );
  }
  let lo = i + 1;
  let hi = tb.count - 1;
  const cumBusiness = tb.cumBusiness;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumBusiness[mid + 1] as number) >= need) hi = mid;
    else lo = mid + 1;
  }
  const candidate = instantOfWall(c.zone, (tb.first + lo) * DAY + timeOfDay);
  const iv = tb.intervals;
  const end = tb.ivIndex[lo + 1] as number;
  for (let k = tb.ivIndex[lo] as number; k < end; k += 2) {
    if (candidate < (iv[k] as number)) return iv[k] as number;
    if (candidate <= (iv[k + 1] as number)) return candidate;
  }
  return iv[end - 1] as number;
}

/**
 * The open intervals `[start, end)` (epoch ms) of the local date `YYYY-MM-DD` in the calendar's
 * zone; empty on a closed day or a holiday. For reports and tests.
 */
export function openIntervalsOn(cal: BusinessCalendar, date: string): [number, number][] {
  const day = epochDayOfDate(date);
  if (Number.isNaN(day)) throw new RangeError(`"${date}" is no valid date`);
  const tb = coverDays(cal.internals, day, day);
  const i = day - tb.first;
  const out: [number, number][] = [];
  for (let k = tb.ivIndex[i] as number; k < (tb.ivIndex[i + 1] as number); k += 2) {
    out.push([tb.intervals[k] as number, tb.intervals[k + 1] as number]);
  }
  return out;
}

/** Whether the local date `YYYY-MM-DD` is a holiday of the calendar (public or an extra date). */
export function isHolidayDate(cal: BusinessCalendar, date: string): boolean {
  const day = epochDayOfDate(date);
  if (Number.isNaN(day)) throw new RangeError(`"${date}" is no valid date`);
  return isHoliday(cal.internals, day, Number(date.slice(0, 4)));
}
