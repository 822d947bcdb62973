/**
 * The report's `monthly` section: per local month from the period's start (or the first ticket)
 * to its end (or `at`, if earlier), the tickets by kind and the incidents resolved with their
 * median time to resolve.
 */
import { monthIndex, monthsBetween, type ReportPeriod } from '../report-period.ts';
import { Counter } from '../report-stats.ts';
import { MINUTE, TimeCollector } from './handling-times.ts';
import type { TicketFacts } from './ticket-facts.ts';
import { type MonthFigures, TICKET_KINDS } from './types.ts';

/**
 * Collects each ticket's month data as it is added and buckets it by month in `figures`: without
 * a period start the months begin at the first ticket, which is known only once all are added.
 */
export class MonthlyFigures {
  readonly #period: ReportPeriod;
  readonly #at: number;
  readonly #reportedMs: number[] = [];
  readonly #kinds: string[] = [];
  /** A resolved incident's time to resolve in wall-clock and in working minutes; NaN: none. */
  readonly #wall: number[] = [];
  readonly #working: number[] = [];

  constructor(period: ReportPeriod, at: number) {
    this.#period = period;
    this.#at = at;
  }

  add({ ticket: t, reportedMs, stops }: TicketFacts): void {
    this.#reportedMs.push(reportedMs);
    this.#kinds.push(t.kind);
    const resolved = stops !== null && t.kind === 'incident' && stops.resolution !== null;
    this.#wall.push(resolved ? ((stops.resolution as number) - reportedMs) / MINUTE : Number.NaN);
    this.#working.push(resolved ? (stops.resolutionMinutes ?? Number.NaN) : Number.NaN);
  }

  figures(): MonthFigures[] {
    const period = this.#period;
    const reported = this.#reportedMs;
    let firstMs = period.fromMs;
    if (!Number.isFinite(firstMs)) {
      firstMs = Number.POSITIVE_INFINITY;
      for (const ms of reported) if (ms < firstMs) firstMs = ms;
    }
    const { months, starts } = monthsBetween(firstMs, Math.min(period.toMs - 1, this.#at), period.timezone);
    const kinds = months.map(() => new Counter());
    const collectors = months.map(() => new TimeCollector());
    for (let i = 0; i < reported.length; i++) {
      const month = monthIndex(starts, reported[i] as number);
      kinds[month]?.add(this.#kinds[i] as string);
      const mt = collectors[month];
      const wall = this.#wall[i] as number;
      if (mt && !Number.isNaN(wall)) {
        mt.wall.push(wall);
        const working = this.#working[i] as number;
        if (!Number.isNaN(working)) mt.working.push(working);
      }
    }
    return months.map((month, i) => {
      const times = (collectors[i] as TimeCollector).figures();
      return {
        month,
        byKind: (kinds[i] as Counter).toObject(TICKET_KINDS),
        resolvedIncidents: times.wallClock.count,
        mttrMedianMinutes: { wallClock: times.wallClock.median, working: times.working.median },
      };
    });
  }
}
