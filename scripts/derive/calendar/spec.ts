/**
 * A calendar as written in opsbook.yaml `calendars.<id>` (docs/file-formats.md) and its check:
 * every problem that keeps a calendar from working as its owner meant, with the path of the
 * offending part, so the configuration check can report it with its line.
 */
import { Temporal } from 'temporal-polyfill';
import { holidaysHandedOver, holidaysLib } from './holidays.ts';
import { epochDayOfDate } from './units.ts';

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

/** `[startMinute, endMinute]` after local midnight, end up to 1440 (`24:00`), or a message. */
export function parseRange(text: string): [number, number] | string {
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
  const handedOver =
    typeof country === 'string' &&
    (region === undefined || region === null || typeof region === 'string') &&
    holidaysHandedOver(country, region ?? undefined);
  if (handedOver) {
    // Checked where the holidays were computed (HolidayYears); date-holidays is not loaded here.
  } else if (country !== undefined && country !== null) {
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
