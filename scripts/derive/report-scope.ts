/**
 * Which tickets a report covers: those reported in the period and by `at` that match the
 * `--where` filters, and, for recurrence, the incidents of up to `window_days` before the period.
 */
import { DAY_MS, instantMs } from '../model/time.ts';
import type { OpsbookConfig } from '../model/types.ts';
import { type PriorityMatrix, priorityFromMatrix } from './priority.ts';
import { recurrenceSettings } from './recurrence.ts';
import { countsForRecurrence, type ReportTicket } from './report.ts';
import { fieldValues, matchesWhere, type WhereClause, type WhereField } from './report-filter.ts';
import type { ReportPeriod } from './report-period.ts';

export interface ScopeOptions<S> {
  period: ReportPeriod;
  /** The report's instant (epoch ms): tickets reported later did not exist yet. */
  at: number;
  clauses: readonly WhereClause[];
  config: OpsbookConfig;
  /** A ticket's custom `x-*` fields; asked only when a clause names one. */
  customFields(source: S): Readonly<Record<string, unknown>>;
}

/** Where a ticket belongs in a report: in its period, among the earlier incidents, or neither. */
type ReportPlace = 'period' | 'earlier' | null;

/**
 * Places tickets one at a time, so that a report can take each as soon as it is parsed: in the
 * period (reported in it and by `at`), among the incidents before it that recurrence looks back
 * on, or out; either way only when it matches the `--where` clauses.
 */
export class ScopeTest<S extends { readonly data: ReportTicket }> {
  /** `reported_at` (epoch ms) of the ticket placed last. */
  reportedMs = Number.NaN;
  readonly #options: ScopeOptions<S>;
  readonly #lookBackMs: number;
  readonly #matrix: PriorityMatrix | undefined;

  constructor(options: ScopeOptions<S>) {
    this.#options = options;
    this.#lookBackMs = recurrenceSettings(options.config).windowDays * DAY_MS;
    this.#matrix = options.config.priority?.matrix;
  }

  place(source: S): ReportPlace {
    const { period, at, clauses, config } = this.#options;
    const t = source.data;
    const reported = instantMs(t.reported_at);
    this.reportedMs = reported;
    if (!(reported <= at && reported < period.toMs)) return null;
    const current = reported >= period.fromMs;
    if (!current && !(reported >= period.fromMs - this.#lookBackMs && countsForRecurrence(t))) return null;
    if (
      clauses.length > 0 &&
      !matchesWhere(t, clauses, {
        priority: t.priority ?? priorityFromMatrix(this.#matrix, t.impact, t.urgency),
        serviceGroup: (id) => config.services[id]?.group,
        customFields: () => this.#options.customFields(source),
      })
    ) {
      return null;
    }
    return current ? 'period' : 'earlier';
  }
}

export interface UnknownWhereValue {
  clause: string;
  value: string;
  /** The values the repository has in that field (sorted, at most 30). */
  known: string[];
}

/**
 * The `--where` values that no ticket in the repository has (a misspelling, most likely): asked
 * when a report came out empty, so that an empty report is never silently the answer to a typo.
 */
export function unknownWhereValues<S extends { readonly data: ReportTicket }>(
  sources: readonly S[],
  clauses: readonly WhereClause[],
  config: OpsbookConfig,
  customFields: (source: S) => Readonly<Record<string, unknown>>,
): UnknownWhereValue[] {
  const seen = new Map<WhereField, Set<string>>(clauses.map((c) => [c.field, new Set<string>()]));
  const matrix = config.priority?.matrix;
  for (const source of sources) {
    const t = source.data;
    const ctx = {
      priority: t.priority ?? priorityFromMatrix(matrix, t.impact, t.urgency),
      serviceGroup: (id: string) => config.services[id]?.group,
      customFields: () => customFields(source),
    };
    for (const [field, values] of seen) for (const v of fieldValues(t, field, ctx)) values.add(v);
  }
  const unknown: UnknownWhereValue[] = [];
  for (const c of clauses) {
    const values = seen.get(c.field) ?? new Set<string>();
    for (const value of c.values) {
      if (value === '' || values.has(value)) continue;
      unknown.push({
        clause: `${c.field}${c.negate ? '!=' : '='}`,
        value,
        known: [...values].sort().slice(0, 30),
      });
    }
  }
  return unknown;
}
