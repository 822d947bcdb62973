/**
 * Business days on a business calendar (docs/sla.md): a business day is a day with open hours
 * that is no holiday; "N business days later" keeps the local time of day.
 */

import { instantOfWall, offsetAt } from '../../model/zone-offsets.ts';
import type { BusinessCalendar } from './compile.ts';
import { coverInstants, dayIndex, growForward } from './day-table.ts';
import { assertInstant, DAY } from './units.ts';
import { nextOpening } from './working-time.ts';

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
 * The most business days N with `addBusinessDays(startMs, N)` ≤ `endMs` (0 when there is none).
 * The day table counts the business days between the two days, which is N or one more (the
 * end's time of day may come before the start's); a step or two of `addBusinessDays` settles
 * it, so a span of years costs what a day costs.
 */
export function wholeBusinessDays(cal: BusinessCalendar, startMs: number, endMs: number): number {
  return businessDaysWithin(cal, startMs, endMs).days;
}

/** wholeBusinessDays, and the instant those days reach from `startMs` (`startMs` for none). */
export function businessDaysWithin(
  cal: BusinessCalendar,
  startMs: number,
  endMs: number,
): { days: number; reachedMs: number } {
  assertInstant(endMs, 'endMs');
  const from = nextOpening(cal, startMs);
  if (!(endMs > from)) return { days: 0, reachedMs: startMs };
  const tb = coverInstants(cal.internals, from, endMs);
  const cumBusiness = tb.cumBusiness;
  let n = Math.max(
    0,
    (cumBusiness[dayIndex(tb, endMs) + 1] as number) - (cumBusiness[dayIndex(tb, from) + 1] as number),
  );
  let reached = addBusinessDays(cal, startMs, n);
  while (n > 0 && reached > endMs) reached = addBusinessDays(cal, startMs, --n);
  for (;;) {
    const next = addBusinessDays(cal, startMs, n + 1);
    if (next > endMs) return { days: n, reachedMs: reached };
    n++;
    reached = next;
  }
}
