/**
 * The periodic report over a set of tickets (`opsbook report` and the site's reports page):
 * the tickets in scope, their SLA, the report's figures, and the names and ticket lookup its
 * Markdown form needs. Pure: the caller reads the runbooks and any custom `x-*` fields.
 */
import type { DerivedValues } from '../../load/ticket-index.ts';
import type { OpsbookConfig } from '../../model/types.ts';
import { ReportBuilder, type ReportData, type ReportTicket } from '../report.ts';
import { formatClause, type WhereClause } from '../report-filter.ts';
import type { ReportPeriod } from '../report-period.ts';
import { ScopeTest, type UnknownWhereValue, unknownWhereValues } from '../report-scope.ts';
import type { ReviewPolicy } from '../review-policy.ts';
import type { RunbookSource } from '../runbook-status.ts';
import { SETTLED_SLA, type SlaSource, slaEngineKey } from '../sla-report.ts';
import { computedSlaFigures, reportSlaOf } from './sla-figures.ts';

/** The Markdown form's lookups (the shape of present/report-markdown's options). */
export interface ReportLookups {
  names: {
    service: (id: string) => string | undefined;
    customer: (id: string) => string | undefined;
  };
  ticket: (id: string) => ReportTicket | undefined;
}

/** What a periodic report is built from besides its tickets and the runbooks. */
export interface PeriodicReportSettings<S extends SlaSource & { readonly data: ReportTicket }> {
  config: OpsbookConfig;
  at: number;
  period: ReportPeriod;
  clauses: readonly WhereClause[];
  policy: ReviewPolicy;
  today: string;
  /** A ticket's custom `x-*` fields, for `--where x-...` clauses. */
  customFields: (ticket: S) => Readonly<Record<string, unknown>>;
}

export interface PeriodicReportInput<S extends SlaSource & { readonly data: ReportTicket }>
  extends PeriodicReportSettings<S> {
  tickets: readonly S[];
  runbooks: readonly RunbookSource[];
}

export interface PeriodicReport<S> {
  report: ReportData;
  markdown: ReportLookups;
  /** Settled SLA values worth keeping with the index. */
  settled: DerivedValues<S>;
  /** With clauses that select nothing: the values no ticket has (empty otherwise). */
  unknown: UnknownWhereValue[];
}

/**
 * The periodic report built ticket by ticket: `add` every ticket in file order (a command adds
 * each as soon as it is parsed, while threads parse the next: `opsbook report --no-cache`), then
 * `finish`. A ticket in the period goes into the report at once when the threads computed its
 * SLA figures (`reportSlaDerivation`); otherwise (tickets from the cache) the tickets in the
 * period are kept and their SLA comes from `reportSlaOf` when the report is finished.
 */
export class PeriodicReportBuilder<S extends SlaSource & { readonly data: ReportTicket }> {
  readonly #settings: PeriodicReportSettings<S>;
  readonly #scope: ScopeTest<S>;
  readonly #slaKey: string;
  readonly #inScope: S[] = [];
  readonly #reportedMs: number[] = [];
  readonly #earlier: ReportTicket[] = [];
  /** The report so far, while every ticket in the period came with its SLA figures. */
  #built: ReportBuilder | null;

  constructor(settings: PeriodicReportSettings<S>) {
    this.#settings = settings;
    this.#scope = new ScopeTest({
      period: settings.period,
      at: settings.at,
      clauses: settings.clauses,
      config: settings.config,
      customFields: settings.customFields,
    });
    this.#slaKey = slaEngineKey(settings.config);
    this.#built = this.#reportBuilder();
  }

  add(source: S): void {
    const place = this.#scope.place(source);
    if (place === null) return;
    if (place === 'earlier') {
      this.#earlier.push(source.data);
      return;
    }
    const reportedMs = this.#scope.reportedMs;
    this.#inScope.push(source);
    this.#reportedMs.push(reportedMs);
    if (this.#built === null) return;
    const figures = computedSlaFigures(source, this.#slaKey, this.#settings.at);
    if (figures === undefined) this.#built = null;
    else this.#built.add(source.data, figures ?? undefined, reportedMs);
  }

  /** The report; `tickets`: all of them (to name the known values of a `--where` that selects nothing). */
  finish(tickets: readonly S[], runbooks: readonly RunbookSource[]): PeriodicReport<S> {
    const { config, at, clauses } = this.#settings;
    const inScope = this.#inScope;
    const unknown =
      clauses.length > 0 && inScope.length === 0
        ? unknownWhereValues(tickets, clauses, config, this.#settings.customFields)
        : [];
    let builder = this.#built;
    let settled: DerivedValues<S> = { name: SETTLED_SLA, values: new Map() };
    if (builder === null) {
      const sla = reportSlaOf(inScope, config, at);
      settled = sla.settled;
      builder = this.#reportBuilder();
      for (let i = 0; i < inScope.length; i++)
        builder.add((inScope[i] as S).data, sla.bySource[i], this.#reportedMs[i] as number);
    }
    const earlier = this.#earlier;
    const report = builder.finish(earlier, runbooks);

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
    return { report, markdown, settled, unknown };
  }

  #reportBuilder(): ReportBuilder {
    const { config, at, today, period, clauses, policy } = this.#settings;
    return new ReportBuilder({
      config,
      at,
      today,
      period,
      filters: clauses.map(formatClause),
      reviewPolicy: policy,
    });
  }
}

/** The periodic report over a list of tickets (PeriodicReportBuilder). */
export function periodicReport<S extends SlaSource & { readonly data: ReportTicket }>(
  input: PeriodicReportInput<S>,
): PeriodicReport<S> {
  const builder = new PeriodicReportBuilder(input);
  for (const ticket of input.tickets) builder.add(ticket);
  return builder.finish(input.tickets, input.runbooks);
}
