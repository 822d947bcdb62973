/**
 * The periodic report over a set of tickets (`opsbook report` and the site's reports page):
 * the tickets in scope, their SLA, the report's figures, and the names and ticket lookup its
 * Markdown form needs. Pure: the caller reads the runbooks and any custom `x-*` fields.
 */
import type { DerivedValues } from '../../load/ticket-index.ts';
import type { OpsbookConfig } from '../../model/types.ts';
import { buildReport, type ReportData, type ReportTicket } from '../report.ts';
import { formatClause, type WhereClause } from '../report-filter.ts';
import type { ReportPeriod } from '../report-period.ts';
import { reportScope, type UnknownWhereValue, unknownWhereValues } from '../report-scope.ts';
import type { ReviewPolicy } from '../review-policy.ts';
import type { RunbookSource } from '../runbook-status.ts';
import type { SlaSource } from '../sla-report.ts';
import { reportSlaOf } from './sla-figures.ts';

/** The Markdown form's lookups (the shape of present/report-markdown's options). */
export interface ReportLookups {
  names: {
    service: (id: string) => string | undefined;
    customer: (id: string) => string | undefined;
  };
  ticket: (id: string) => ReportTicket | undefined;
}

export interface PeriodicReportInput<S extends SlaSource & { readonly data: ReportTicket }> {
  config: OpsbookConfig;
  tickets: readonly S[];
  at: number;
  period: ReportPeriod;
  clauses: readonly WhereClause[];
  policy: ReviewPolicy;
  today: string;
  runbooks: readonly RunbookSource[];
  /** A ticket's custom `x-*` fields, for `--where x-...` clauses. */
  customFields: (ticket: S) => Readonly<Record<string, unknown>>;
}

export interface PeriodicReport<S> {
  report: ReportData;
  markdown: ReportLookups;
  /** Settled SLA values worth keeping with the index. */
  settled: DerivedValues<S>;
  /** With clauses that select nothing: the values no ticket has (empty otherwise). */
  unknown: UnknownWhereValue[];
}

export function periodicReport<S extends SlaSource & { readonly data: ReportTicket }>(
  input: PeriodicReportInput<S>,
): PeriodicReport<S> {
  const { config, tickets, at, period, clauses, policy, today } = input;
  const { inScope, reportedMs, earlier } = reportScope(tickets, {
    period,
    at,
    clauses: [...clauses],
    config,
    customFields: input.customFields,
  });
  const unknown =
    clauses.length > 0 && inScope.length === 0
      ? unknownWhereValues(tickets, clauses, config, input.customFields)
      : [];
  const sla = reportSlaOf(inScope, config, at);
  const report = buildReport({
    config,
    at,
    today,
    period,
    filters: clauses.map(formatClause),
    tickets: inScope.map((t) => t.data),
    reportedMs,
    earlier,
    sla: sla.bySource,
    runbooks: input.runbooks,
    reviewPolicy: policy,
  });

  let byId: Map<string, ReportTicket> | undefined;
  const ticket = (id: string): ReportTicket | undefined => {
    if (!byId) {
      byId = new Map(earlier.map((t) => [t.id, t]));
      for (const t of inScope) byId.set(t.data.id, t.data);
    }
    return byId.get(id);
  };
  const markdown: ReportLookups = {
    names: {
      service: (id) => config.services[id]?.name,
      customer: (id) => config.customers?.[id]?.name,
    },
    ticket,
  };
  return { report, markdown, settled: sla.settled, unknown };
}
