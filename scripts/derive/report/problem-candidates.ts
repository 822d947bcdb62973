/**
 * The report's problem candidates (docs/reports.md): incidents of the period that recur with
 * the same key, looking back `window_days` before the period, each with a title and the command
 * that opens the problem record.
 */
import { instantMs, isoUtcToSecond } from '../../model/time.ts';
import {
  type CandidateNames,
  candidateTitle,
  newProblemCommand,
  RecurrenceGroups,
  type RecurrenceIncident,
  type RecurrenceSettings,
} from '../recurrence.ts';
import { byCodePoint } from '../report-stats.ts';
import { serviceIds, type TicketFacts } from './ticket-facts.ts';
import type { ReportData, ReportTicket } from './types.ts';

/** Incidents that count for recurrence: real ones, not yet linked to a problem record. */
export function countsForRecurrence(t: ReportTicket): boolean {
  return t.kind === 'incident' && !t.duplicate_of && !t.problem && t.status !== 'cancelled';
}

type Incident = RecurrenceIncident & { inPeriod: boolean };

function incidentOf(t: ReportTicket, reportedMs: number, services: string[], inPeriod: boolean): Incident {
  return {
    id: t.id,
    reportedMs,
    services,
    ci: t.ci,
    customer: t.customer,
    category: t.category,
    cause: t.cause,
    inPeriod,
  };
}

/**
 * The report's problem candidates, accumulated: the incidents of the period as they are added,
 * those before it (which only give context) when the figures are read.
 */
export class ProblemCandidates {
  readonly #settings: RecurrenceSettings;
  readonly #names: CandidateNames;
  readonly #groups: RecurrenceGroups<Incident>;

  constructor(settings: RecurrenceSettings, names: CandidateNames) {
    this.#settings = settings;
    this.#names = names;
    this.#groups = new RecurrenceGroups(settings);
  }

  add({ ticket: t, reportedMs, services }: TicketFacts): void {
    if (countsForRecurrence(t)) this.#groups.add(incidentOf(t, reportedMs, services, true));
  }

  /**
   * `earlier`: the incidents up to `window_days` before the period. Read once: they join the
   * groups here (ReportBuilder's `finish` reads it once).
   */
  figures(earlier: readonly ReportTicket[]): ReportData['problemCandidates'] {
    const settings = this.#settings;
    for (const t of earlier)
      if (countsForRecurrence(t))
        this.#groups.add(incidentOf(t, instantMs(t.reported_at), serviceIds(t), false));
    const candidates = this.#groups
      .candidates((x) => x.inPeriod)
      .map((c) => {
        const services =
          c.key.service !== undefined
            ? [c.key.service]
            : [...new Set(c.incidents.flatMap((x) => x.services))].sort(byCodePoint);
        const title = candidateTitle(c, this.#names);
        return {
          key: c.key as Record<string, string>,
          count: c.incidents.length,
          maxInWindow: c.maxInWindow,
          first: isoUtcToSecond(c.firstMs),
          last: isoUtcToSecond(c.lastMs),
          tickets: c.incidents.map((x) => x.id),
          earlier: c.incidents.filter((x) => !x.inPeriod).length,
          title,
          command: newProblemCommand(title, services),
        };
      });
    return {
      settings: {
        minCount: settings.minCount,
        windowDays: settings.windowDays,
        groupBy: [...settings.groupBy],
      },
      candidates,
    };
  }
}
