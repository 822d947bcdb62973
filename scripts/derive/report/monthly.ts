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

export class MonthlyFigures {
  readonly #months: string[];
  readonly #starts: readonly number[];
  readonly #kinds: Counter[];
  readonly #times: TimeCollector[];

  /** `reportedMs`: when each ticket in scope was reported, for a period without a start. */
  constructor(period: ReportPeriod, at: number, reportedMs: readonly number[]) {
    let firstMs = period.fromMs;
    if (!Number.isFinite(firstMs)) {
      firstMs = Number.POSITIVE_INFINITY;
      for (const ms of reportedMs) if (ms < firstMs) firstMs = ms;
    }
    const { months, starts } = monthsBetween(firstMs, Math.min(period.toMs - 1, at), period.timezone);
    this.#months = months;
    this.#starts = starts;
    this.#kinds = months.map(() => new Counter());
    this.#times = months.map(() => new TimeCollector());
  }

  add({ ticket: t, reportedMs, stops }: TicketFacts): void {
    const month = monthIndex(this.#starts, reportedMs);
    this.#kinds[month]?.add(t.kind);
    const mt = this.#times[month];
    if (stops && t.kind === 'incident' && mt && stops.resolution !== null) {
      mt.wall.push((stops.resolution - reportedMs) / MINUTE);
      if (stops.resolutionMinutes !== null) mt.working.push(stops.resolutionMinutes);
    }
  }

  figures(): MonthFigures[] {
    return this.#months.map((month, i) => {
      const times = (this.#times[i] as TimeCollector).figures();
      return {
        month,
        byKind: (this.#kinds[i] as Counter).toObject(TICKET_KINDS),
        resolvedIncidents: times.wallClock.count,
        mttrMedianMinutes: { wallClock: times.wallClock.median, working: times.working.median },
      };
    });
  }
}
