/**
 * The periodic review report (`opsbook report`, docs/sla.md and docs/reports.md): what came in during a period and
 * how it went. Pure: tickets, their SLA at `at`, runbooks and the configuration in; the facts the
 * JSON and the Markdown show out.
 *
 * Scope: the tickets reported in the period (local dates in the organisation's zone) and at or
 * before `at`, after the `--where` filters. SLA states, reviews, actions and runbooks are as they
 * stand at `at`. Recurrence also looks back `window_days` before the period.
 */
import { isoUtcToSecond } from '../model/time.ts';
import type { PriorityMatrix } from './priority.ts';
import { recurrenceSettings } from './recurrence.ts';
import { AvoidableCounts } from './report/avoidable.ts';
import { IncidentCounts, RequestCounts } from './report/dimension-counts.ts';
import { DuplicateList } from './report/duplicates.ts';
import { HandlingTimes } from './report/handling-times.ts';
import { MonthlyFigures } from './report/monthly.ts';
import { ProblemCandidates } from './report/problem-candidates.ts';
import { SlaCompliance } from './report/sla-compliance.ts';
import { TicketCounts } from './report/ticket-counts.ts';
import { ticketFacts } from './report/ticket-facts.ts';
import type { ReportData, ReportSettings, ReportSla, ReportTicket } from './report/types.ts';
import { ReviewAndActionFigures } from './report-reviews.ts';
import { runbookFigures } from './report-runbooks.ts';
import type { RunbookSource } from './runbook-status.ts';

export { countsForRecurrence } from './report/problem-candidates.ts';
export {
  type CandidateEntry,
  type ClockFigures,
  type DuplicateEntry,
  type MonthFigures,
  NONE,
  PRIORITIES,
  type ReportData,
  type ReportSettings,
  type ReportSla,
  type ReportTicket,
  TICKET_KINDS,
  type TimeFigures,
} from './report/types.ts';

/**
 * One pass over the tickets in scope: each ticket's facts are derived once, when it is added, and
 * handed to every section's accumulator (scripts/derive/report/); `finish` then reads the sections
 * in the order the JSON shows them. Tickets are added in the order of the tickets in scope, so a
 * caller can add each as soon as it is parsed, while threads still parse the next ones.
 */
export class ReportBuilder {
  readonly #settings: ReportSettings;
  readonly #matrix: PriorityMatrix | undefined;
  readonly #tickets: ReportTicket[] = [];
  readonly #counts = new TicketCounts();
  readonly #incidents = new IncidentCounts();
  readonly #requests = new RequestCounts();
  readonly #duplicates = new DuplicateList();
  readonly #avoidable = new AvoidableCounts();
  readonly #times = new HandlingTimes();
  readonly #sla = new SlaCompliance();
  readonly #monthly: MonthlyFigures;
  readonly #candidates: ProblemCandidates;
  readonly #reviews: ReviewAndActionFigures;

  constructor(settings: ReportSettings) {
    const { config } = settings;
    this.#settings = settings;
    this.#matrix = config.priority?.matrix;
    this.#monthly = new MonthlyFigures(settings.period, settings.at);
    this.#candidates = new ProblemCandidates(recurrenceSettings(config), {
      service: (id: string) => config.services[id]?.name ?? id,
      customer: (id: string) => config.customers?.[id]?.name ?? id,
    });
    const { reviewPolicy: policy, at, today } = settings;
    // After a ticket's SLA (add): its breach is in the set when its review is decided.
    const breached = this.#sla.breached;
    this.#reviews = new ReviewAndActionFigures({ policy, breached, matrix: this.#matrix, at, today });
  }

  /** A ticket in scope, its SLA at `at` and when it was reported (epoch ms). */
  add(ticket: ReportTicket, sla: ReportSla | undefined, reportedMs: number): void {
    const facts = ticketFacts(ticket, sla, reportedMs, this.#matrix, this.#settings.at);
    this.#tickets.push(ticket);
    // Every accumulator by name rather than from a list: a call site per class, which V8 can
    // inline (through a list, one call site sees ten classes, for each of 100,000 tickets).
    this.#counts.add(facts);
    this.#incidents.add(facts);
    this.#requests.add(facts);
    this.#duplicates.add(facts);
    this.#avoidable.add(facts);
    this.#times.add(facts);
    this.#sla.add(facts);
    this.#monthly.add(facts);
    this.#candidates.add(facts);
    this.#reviews.add(ticket);
  }

  /** The report; `earlier`: the incidents before the period that recurrence looks back on. */
  finish(earlier: readonly ReportTicket[], runbooks: readonly RunbookSource[]): ReportData {
    const { config, at, period, today } = this.#settings;
    const tickets = this.#tickets;
    return {
      at: isoUtcToSecond(at),
      organization: config.organization.name,
      period: { from: period.from, to: period.to, timezone: period.timezone },
      filters: [...this.#settings.filters],
      tickets: this.#counts.figures(period.timezone),
      incidents: this.#incidents.figures(),
      serviceRequests: this.#requests.figures(),
      duplicates: this.#duplicates.figures(),
      avoidable: this.#avoidable.figures(),
      times: this.#times.figures(),
      sla: this.#sla.figures(),
      problemCandidates: this.#candidates.figures(earlier),
      ...this.#reviews.figures(tickets),
      runbooks: runbookFigures(runbooks, today),
      monthly: this.#monthly.figures(),
    };
  }
}
