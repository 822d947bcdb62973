/**
 * The report's `times` section: MTTA and MTTR of real handling (no duplicates, nothing
 * cancelled), wall-clock and working time on the ticket's SLA calendar, for incidents overall
 * and by priority, and for service requests.
 */
import { byCodePoint, getOrCreate, summarize } from '../report-stats.ts';
import type { TicketFacts } from './ticket-facts.ts';
import { NONE, type ReportData, type TimeFigures } from './types.ts';

export const MINUTE = 60_000;

/** Durations in minutes, wall-clock and working, summarized at the end. */
export class TimeCollector {
  readonly wall: number[] = [];
  readonly working: number[] = [];
  figures(): TimeFigures {
    return { wallClock: summarize(this.wall), working: summarize(this.working) };
  }
}

interface ResponseAndResolution {
  mtta: TimeCollector;
  mttr: TimeCollector;
}

function priorityTimes(map: Map<string, ResponseAndResolution>, priority: string): ResponseAndResolution {
  return getOrCreate(map, priority, () => ({ mtta: new TimeCollector(), mttr: new TimeCollector() }));
}

export class HandlingTimes {
  readonly #incidents: ResponseAndResolution = { mtta: new TimeCollector(), mttr: new TimeCollector() };
  readonly #byPriority = new Map<string, ResponseAndResolution>();
  readonly #requests: ResponseAndResolution = { mtta: new TimeCollector(), mttr: new TimeCollector() };

  add({ ticket: t, priority, reportedMs, stops }: TicketFacts): void {
    if (!stops) return;
    const { response: responseStop, resolution: resolved, responseMinutes, resolutionMinutes } = stops;
    const groups =
      t.kind === 'incident'
        ? [this.#incidents, priorityTimes(this.#byPriority, priority ?? NONE)]
        : [this.#requests];
    for (const g of groups) {
      if (responseStop !== null) g.mtta.wall.push((responseStop - reportedMs) / MINUTE);
      if (responseStop !== null && responseMinutes !== null) g.mtta.working.push(responseMinutes);
      if (resolved !== null) g.mttr.wall.push((resolved - reportedMs) / MINUTE);
      if (resolved !== null && resolutionMinutes !== null) g.mttr.working.push(resolutionMinutes);
    }
  }

  figures(): ReportData['times'] {
    return {
      mtta: this.#incidents.mtta.figures(),
      mttr: this.#incidents.mttr.figures(),
      byPriority: Object.fromEntries(
        [...this.#byPriority.entries()]
          .sort((a, b) => byCodePoint(a[0], b[0]))
          .map(([p, c]) => [p, { mtta: c.mtta.figures(), mttr: c.mttr.figures() }]),
      ),
      serviceRequests: { mtta: this.#requests.mtta.figures(), mttr: this.#requests.mttr.figures() },
    };
  }
}
