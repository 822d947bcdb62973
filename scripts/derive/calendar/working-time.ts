/**
 * Working time on a business calendar (instants in epoch milliseconds): working time between
 * two instants, adding working time, whether the calendar is open and its next opening.
 * Public functions take working minutes; the `...Ms` ones, which the SLA clocks use for exact
 * arithmetic, working milliseconds.
 */
import type { BusinessCalendar } from './compile.ts';
import { coverInstants, dayIndex, growForward, workBefore } from './day-table.ts';
import { assertInstant, MINUTE } from './units.ts';

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
