/**
 * A service's 90 days of history on the status page: per local day in the organisation's zone,
 * the worst status, the minutes in each non-operational status (an overlap counts only the
 * worst), and availability = 100 × (1 − (major + 0.3 × partial) / elapsed), elapsed in real time
 * (DST days have 23 or 25 hours) and up to `at` on the last day; the 90-day availability uses the
 * same formula over the range. Pure: reads the effect spans of `service-status.ts`.
 *
 * Instants are integer epoch milliseconds (as `instantMs` returns them).
 */
import { Temporal } from 'temporal-polyfill';
import type { SiteDay } from '../model/site.ts';
import { localDate } from '../model/zone-offsets.ts';
import { severity, statusOfSeverity } from './component-severity.ts';
import { startOfLocalDay } from './report-period.ts';
import type { EffectSpan } from './service-status.ts';

const MINUTE = 60_000;

/** A partial outage counts as 30 % downtime (Statuspage's weighting). */
const PARTIAL_WEIGHT = 0.3;

const round3 = (x: number) => Math.round(x * 1000) / 1000;

function availability(majorMs: number, partialMs: number, elapsedMs: number): number {
  if (!(elapsedMs > 0)) return 100;
  return round3(100 * (1 - (majorMs + PARTIAL_WEIGHT * partialMs) / elapsedMs));
}

/** The local dates of the `days` days ending with the date of `at`, and the instants they start. */
function historyDays(at: number, timezone: string, days = 90): { dates: string[]; starts: number[] } {
  const last = Temporal.PlainDate.from(localDate(at, timezone));
  const dates: string[] = [];
  const starts: number[] = [];
  for (let i = days - 1; i >= -1; i--) {
    const date = last.subtract({ days: i }).toString();
    if (i >= 0) dates.push(date);
    starts.push(startOfLocalDay(date, timezone));
  }
  return { dates, starts };
}

/**
 * The service's history: the `days` local dates in `timezone` ending with the date of `at`,
 * oldest first, each day measured over [day start, min(day end, at)), and the availability over
 * the whole range up to `at` (the same formula, not a mean of the days). One sweep over the
 * service's sorted span boundaries: O(n log n) in the service's spans.
 */
export function serviceHistory(
  spans: readonly EffectSpan[],
  service: string,
  at: number,
  timezone: string,
  days = 90,
): { days: SiteDay[]; availability: number } {
  const { dates, starts } = historyDays(at, timezone, days);
  const rangeStart = starts[0] as number;
  const dayCount = dates.length;
  const ms = Array.from({ length: dayCount }, () => [0, 0, 0, 0, 0]);
  const worst = new Array<number>(dayCount).fill(0);
  const tickets: string[][] = Array.from({ length: dayCount }, () => []);

  // Boundaries encoded as time × 16 + code (code: severity, +8 for an end): one numeric sort.
  const keys: number[] = [];
  for (const s of spans) {
    if (s.service !== service) continue;
    const sev = severity(s.effect);
    const start = Math.max(s.start, rangeStart);
    const end = Math.min(s.end, at);
    if (sev === 0 || !(end > start)) continue;
    keys.push(start * 16 + sev, end * 16 + 8 + sev);
    // Days the span touches: binary search for the first, then walk.
    let lo = 0;
    let hi = dayCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((starts[mid + 1] as number) > start) hi = mid;
      else lo = mid + 1;
    }
    for (let d = lo; d < dayCount && (starts[d] as number) < end; d++)
      (tickets[d] as string[]).push(s.ticket);
  }
  const sorted = Float64Array.from(keys).sort();

  const active = [0, 0, 0, 0, 0];
  let current = 0;
  let prev = rangeStart;
  let day = 0;
  const totals = [0, 0, 0, 0, 0];
  for (const key of sorted) {
    const time = Math.floor(key / 16);
    const code = key - time * 16;
    if (current > 0 && time > prev) {
      // Spread [prev, time) over the days it covers.
      let from = prev;
      while (from < time) {
        while (day < dayCount - 1 && (starts[day + 1] as number) <= from) day++;
        const to = Math.min(time, starts[day + 1] as number);
        const spent = ms[day] as number[];
        spent[current] = (spent[current] as number) + (to - from);
        totals[current] = (totals[current] as number) + (to - from);
        if (current > (worst[day] as number)) worst[day] = current;
        from = to;
      }
    }
    prev = time;
    const sev = code & 7;
    active[sev] = (active[sev] as number) + (code >= 8 ? -1 : 1);
    current = 0;
    for (let s = 4; s > 0; s--) {
      if ((active[s] as number) > 0) {
        current = s;
        break;
      }
    }
  }

  const result: SiteDay[] = dates.map((date, d) => {
    const spent = ms[d] as number[];
    const elapsed = Math.min(starts[d + 1] as number, at) - (starts[d] as number);
    return {
      date,
      worst: statusOfSeverity(worst[d] as number),
      minutes: {
        major_outage: Math.round((spent[4] as number) / MINUTE),
        partial_outage: Math.round((spent[3] as number) / MINUTE),
        degraded_performance: Math.round((spent[2] as number) / MINUTE),
        under_maintenance: Math.round((spent[1] as number) / MINUTE),
      },
      availability: availability(spent[4] as number, spent[3] as number, elapsed),
      tickets: [...new Set(tickets[d])].sort(),
    };
  });
  return {
    days: result,
    availability: availability(totals[4] as number, totals[3] as number, at - rangeStart),
  };
}
