/**
 * The period of a report: local dates in the organisation's time zone, and the months in it.
 * Instants are epoch milliseconds; a period is `[fromMs, toMs)`.
 */
import { Temporal } from 'temporal-polyfill';

export interface ReportPeriod {
  /** First local date (YYYY-MM-DD), inclusive; null: from the first ticket on. */
  from: string | null;
  /** Last local date, inclusive. */
  to: string;
  /** The IANA zone of the dates (opsbook.yaml `organization.timezone`). */
  timezone: string;
  /** Start of `from` (-Infinity when open). */
  fromMs: number;
  /** Start of the day after `to` (exclusive end). */
  toMs: number;
}

/** Epoch ms at which the local date begins in the zone. */
export function startOfLocalDay(date: string, zone: string): number {
  return Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: zone }).epochMilliseconds;
}

export function reportPeriod(from: string | null, to: string, zone: string): ReportPeriod {
  const next = Temporal.PlainDate.from(to).add({ days: 1 }).toString();
  return {
    from,
    to,
    timezone: zone,
    fromMs: from === null ? Number.NEGATIVE_INFINITY : startOfLocalDay(from, zone),
    toMs: startOfLocalDay(next, zone),
  };
}

/**
 * The months `YYYY-MM` from the month of `firstMs` to the month of `lastMs` in the zone, with the
 * instants at which each begins: tickets are put into months by binary search over `starts`
 * instead of a time-zone conversion each.
 */
export function monthsBetween(
  firstMs: number,
  lastMs: number,
  zone: string,
): { months: string[]; starts: number[] } {
  const months: string[] = [];
  const starts: number[] = [];
  if (!(firstMs <= lastMs)) return { months, starts };
  const toMonth = (ms: number) =>
    Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone).toPlainDate().toPlainYearMonth();
  const last = toMonth(lastMs);
  for (let m = toMonth(firstMs); Temporal.PlainYearMonth.compare(m, last) <= 0; m = m.add({ months: 1 })) {
    months.push(m.toString());
    starts.push(m.toPlainDate({ day: 1 }).toZonedDateTime({ timeZone: zone }).epochMilliseconds);
  }
  return { months, starts };
}

/** The index of the month (from `monthsBetween`) that holds `ms`, or -1 before the first. */
export function monthIndex(starts: readonly number[], ms: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] as number) <= ms) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
