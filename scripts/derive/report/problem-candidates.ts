/**
 * The report's problem candidates (docs/reports.md): incidents of the period that recur with
 * the same key, looking back `window_days` before the period, each with a title and the command
 * that opens the problem record.
 */
import { instantMs, isoUtc } from '../../model/time.ts';
import {
  candidateTitle,
  findProblemCandidates,
  newProblemCommand,
  type RecurrenceIncident,
  type RecurrenceSettings,
} from '../recurrence.ts';
import { byCodePoint } from '../report-stats.ts';
import { serviceIds } from './ticket-facts.ts';
import type { ReportData, ReportTicket } from './types.ts';

/** Incidents that count for recurrence: real ones, not yet linked to a problem record. */
export function countsForRecurrence(t: ReportTicket): boolean {
  return t.kind === 'incident' && !t.duplicate_of && !t.problem && t.status !== 'cancelled';
}

/** The incidents recurrence looks at: the report's tickets (with their instants and services) and earlier ones. */
export interface RecurrenceInput {
  /** The tickets in scope, when each was reported (epoch ms) and its service IDs, in one order. */
  readonly tickets: readonly ReportTicket[];
  readonly reportedMs: readonly number[];
  readonly services: readonly string[][];
  /** Incidents reported up to `window_days` before the period. */
  readonly earlier: readonly ReportTicket[];
}

export function problemCandidates(
  input: RecurrenceInput,
  settings: RecurrenceSettings,
  names: { service(id: string): string; customer(id: string): string },
): ReportData['problemCandidates'] {
  type Incident = RecurrenceIncident & { inPeriod: boolean };
  const incidents: Incident[] = [];
  const add = (t: ReportTicket, ms: number, ids: string[], inPeriod: boolean) => {
    if (!countsForRecurrence(t)) return;
    incidents.push({
      id: t.id,
      reportedMs: ms,
      services: ids,
      ci: t.ci,
      customer: t.customer,
      category: t.category,
      cause: t.cause,
      inPeriod,
    });
  };
  input.tickets.forEach((t, i) => {
    add(t, input.reportedMs[i] as number, input.services[i] as string[], true);
  });
  for (const t of input.earlier) add(t, instantMs(t.reported_at), serviceIds(t), false);

  const candidates = findProblemCandidates(incidents, settings, (x) => x.inPeriod).map((c) => {
    const services =
      c.key.service !== undefined
        ? [c.key.service]
        : [...new Set(c.incidents.flatMap((x) => x.services))].sort(byCodePoint);
    const title = candidateTitle(c, names);
    return {
      key: c.key as Record<string, string>,
      count: c.incidents.length,
      maxInWindow: c.maxInWindow,
      first: isoUtc(Math.floor(c.firstMs / 1000) * 1000),
      last: isoUtc(Math.floor(c.lastMs / 1000) * 1000),
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
