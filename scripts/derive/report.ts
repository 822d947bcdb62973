/**
 * The periodic review report (`opsbook report`, docs/sla.md and docs/reports.md): what came in during a period and
 * how it went. Pure: tickets, their SLA at `at`, runbooks and the configuration in; the facts the
 * JSON and the Markdown show out.
 *
 * Scope: the tickets reported in the period (local dates in the organisation's zone) and at or
 * before `at`, after the `--where` filters. SLA states, reviews, actions and runbooks are as they
 * stand at `at`. Recurrence also looks back `window_days` before the period.
 */
import { instantMs, isoUtc } from '../model/time.ts';
import { recurrenceSettings } from './recurrence.ts';
import { AvoidableCounts } from './report/avoidable.ts';
import { IncidentCounts, RequestCounts } from './report/dimension-counts.ts';
import { DuplicateList } from './report/duplicates.ts';
import { HandlingTimes } from './report/handling-times.ts';
import { MonthlyFigures } from './report/monthly.ts';
import { problemCandidates } from './report/problem-candidates.ts';
import { SlaCompliance } from './report/sla-compliance.ts';
import { TicketCounts } from './report/ticket-counts.ts';
import { ticketFacts } from './report/ticket-facts.ts';
import type { ReportData, ReportInput, ReportTicket } from './report/types.ts';
import { reviewAndActionFigures } from './report-reviews.ts';
import { runbookFigures } from './report-runbooks.ts';

export { countsForRecurrence } from './report/problem-candidates.ts';
export {
  type CandidateEntry,
  type ClockFigures,
  type DuplicateEntry,
  type MonthFigures,
  NONE,
  PRIORITIES,
  type ReportData,
  type ReportInput,
  type ReportSla,
  type ReportTicket,
  TICKET_KINDS,
  type TimeFigures,
} from './report/types.ts';

/**
 * One pass over the tickets in scope: each ticket's facts are derived once and handed to every
 * section's accumulator (scripts/derive/report/); the sections are then read in the order the
 * JSON shows them.
 */
export function buildReport(input: ReportInput): ReportData {
  const { config, at, period, today } = input;
  const matrix = config.priority?.matrix;
  const reportedAll = input.reportedMs ?? input.tickets.map((t) => instantMs(t.reported_at));
  const servicesAll: string[][] = new Array(input.tickets.length);

  const tickets = new TicketCounts();
  const incidents = new IncidentCounts();
  const requests = new RequestCounts();
  const duplicates = new DuplicateList();
  const avoidable = new AvoidableCounts();
  const times = new HandlingTimes();
  const sla = new SlaCompliance();
  const monthly = new MonthlyFigures(period, at, reportedAll);
  const inScope = input.tickets;
  for (let i = 0; i < inScope.length; i++) {
    const facts = ticketFacts(inScope[i] as ReportTicket, input.sla[i], reportedAll[i] as number, matrix, at);
    servicesAll[i] = facts.services;
    // Every accumulator by name rather than from a list: a call site per class, which V8 can
    // inline (through a list, one call site sees eight classes, for each of 100,000 tickets).
    tickets.add(facts);
    incidents.add(facts);
    requests.add(facts);
    duplicates.add(facts);
    avoidable.add(facts);
    times.add(facts);
    sla.add(facts);
    monthly.add(facts);
  }

  const settings = recurrenceSettings(config);
  const names = {
    service: (id: string) => config.services[id]?.name ?? id,
    customer: (id: string) => config.customers?.[id]?.name ?? id,
  };

  return {
    at: isoUtc(Math.floor(at / 1000) * 1000),
    organization: config.organization.name,
    period: { from: period.from, to: period.to, timezone: period.timezone },
    filters: [...input.filters],
    tickets: tickets.figures(period.timezone),
    incidents: incidents.figures(),
    serviceRequests: requests.figures(),
    duplicates: duplicates.figures(),
    avoidable: avoidable.figures(),
    times: times.figures(),
    sla: sla.figures(),
    problemCandidates: problemCandidates(input, reportedAll, servicesAll, settings, names),
    ...reviewAndActionFigures({
      tickets: input.tickets,
      policy: input.reviewPolicy,
      breached: sla.breached,
      matrix,
      at,
      today,
    }),
    runbooks: runbookFigures(input.runbooks, today),
    monthly: monthly.figures(),
  };
}
