/**
 * The day table of a compiled calendar: consecutive local dates (grown on demand) with their
 * open intervals as instants and prefix sums of working time and of business days, so that the
 * arithmetic in working-time.ts and business-days.ts costs two or three binary searches,
 * whatever the distance: 250bd costs what 1bd costs. Holidays and DST changes are simply the
 * days whose row differs; no week is assumed regular.
 */

import { instantOfWall } from '../../model/zone-offsets.ts';
import type { BusinessCalendar, CalendarInternals } from './compile.ts';
import { isHoliday } from './holidays.ts';
import { DAY, epochDayOfDate, MINUTE } from './units.ts';

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

export function mergeRanges(ranges: [number, number][]): [number, number][] {
  ranges.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
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

/** The table covering the instants `from..to`. */
export function coverInstants(cal: CalendarInternals, from: number, to: number): DayTable {
  return coverDays(cal, Math.floor(from / DAY) - 1, Math.floor(to / DAY) + 1);
}

/** Index of the day containing instant `t` (the table must cover it). */
export function dayIndex(tb: DayTable, t: number): number {
  let i = Math.floor(t / DAY) - tb.first;
  const start = tb.start;
  while (t < (start[i] as number)) i--;
  while (t >= (start[i + 1] as number)) i++;
  return i;
}

/** Working milliseconds from the table's first day to `t`. */
export function workBefore(tb: DayTable, t: number): number {
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
export function growForward(cal: CalendarInternals, tb: DayTable, daysNeeded: number): DayTable {
  return coverDays(cal, tb.first, tb.first + tb.count + Math.max(14, Math.ceil(daysNeeded)));
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
