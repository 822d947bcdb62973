/**
 * What the periodic report reads of each ticket's SLA (ReportSla), computed where the tickets are
 * parsed when no cache is written (`report --no-cache`): the status, the clock states, the policy
 * and the clocks' times, without the whole entry `opsbook sla` prints (its JSON, title and
 * instants as text), which only the cache would keep. With the cache, the threads compute the
 * whole entries (sla-report.ts, `slaDerivation`) and the settled ones are kept for later runs.
 */

import { detachedString } from '../../lib/detached-strings.ts';
import type { FactsDerivation } from '../../load/ticket-facts.ts';
import type { DerivedValues } from '../../load/ticket-index.ts';
import type { OpsbookConfig } from '../../model/types.ts';
import { addHolidayYears, type HolidayYears } from '../calendar/index.ts';
import { fieldsNamed, type WhereClause } from '../report-filter.ts';
import { type ClockPresenter, type NotApplicableReason, ticketClocks } from '../sla-clock.ts';
import {
  buildSlaReport,
  type ReportedState,
  SETTLED_SLA,
  type SlaAtOptions,
  type SlaSource,
  slaAtOptions,
  slaEngineKey,
} from '../sla-report.ts';
import { REPORT_FIELDS, type ReportSla } from './types.ts';

/** A ticket's figures at one instant (null: reported after it), under the SLA engine's key. */
interface SlaFiguresAt {
  readonly key: string;
  readonly at: number;
  readonly figures: ReportSla | null;
}

/** What the report reads of one clock; `reason` only where the clock does not apply. */
interface ClockFigures {
  state: ReportedState;
  /** When it stopped, epoch ms in whole seconds as `opsbook sla` prints it; null while it runs. */
  stopped: number | null;
  minutes: number | null;
  reason?: NotApplicableReason;
}

const FIGURES: ClockPresenter<ClockFigures> = {
  clock: (clock) => ({
    state: clock.state,
    stopped: clock.stoppedAt === null ? null : Math.floor(clock.stoppedAt / 1000) * 1000,
    minutes: clock.elapsedMinutes,
  }),
  notApplicable: (_start, reason) => ({ state: 'not-applicable', stopped: null, minutes: null, reason }),
};

/** The report's SLA figures of each ticket at one instant, for the ticket index's threads (FactsDerivation). */
export function slaFiguresAtInstant({
  config,
  at,
  key,
  holidays,
}: SlaAtOptions): (ticket: SlaSource['data']) => SlaFiguresAt {
  if (holidays) addHolidayYears(holidays);
  return (ticket) => {
    const { status, policy, response, resolution } = ticketClocks(ticket, config, at, FIGURES);
    if (response.reason === 'not-reported-yet') return { key, at, figures: null };
    const figures: ReportSla = {
      // Kept to the end of the command: a copy, not a view into the text of the ticket file.
      status: detachedString(status),
      states: [response.state, resolution.state],
      policy,
      times: [response.stopped, response.minutes, resolution.stopped, resolution.minutes],
    };
    return { key, at, figures };
  };
}

/**
 * The ticket index's derivation for `reportSlaOf` at `at` when no cache is written; `clauses`:
 * the report's `--where` clauses, whose fields are read besides REPORT_FIELDS; `holidays`: the
 * public holidays the caller computed for the threads (holidaysAhead).
 */
export function reportSlaDerivation(
  config: OpsbookConfig,
  at: number,
  clauses: readonly WhereClause[],
  holidays?: HolidayYears,
): FactsDerivation {
  const options = slaAtOptions(config, at, holidays);
  // The report reads no timeline (the clocks, which do, are computed where the tickets are
  // parsed) and only the fields REPORT_FIELDS lists and its clauses name.
  const fieldsRead = [...new Set([...REPORT_FIELDS, ...fieldsNamed(clauses)])];
  return { module: import.meta.url, name: 'slaFiguresAtInstant', options, fieldsRead };
}

/**
 * The SLA figures the parsing threads computed for `source` at `at` with the engine `key`
 * (`reportSlaDerivation`): null when it was reported after `at`, undefined when none were
 * computed (a ticket from the cache, another instant).
 */
export function computedSlaFigures(source: SlaSource, key: string, at: number): ReportSla | null | undefined {
  const computed = source.computed;
  if (typeof computed !== 'object' || computed === null || Array.isArray(computed)) return undefined;
  const value = computed as SlaFiguresAt;
  return value.key === key && value.at === at ? value.figures : undefined;
}

/**
 * Each source's SLA figures at `at` (undefined where it was reported later), and the settled SLA
 * entries worth keeping with the sources. From the sources' `computed` figures when every source
 * has them (`reportSlaDerivation`: nothing to keep); otherwise from `buildSlaReport`, which takes
 * settled entries from earlier runs and returns the newly settled ones.
 */
export function reportSlaOf<S extends SlaSource>(
  sources: readonly S[],
  config: OpsbookConfig,
  at: number,
): { bySource: (ReportSla | undefined)[]; settled: DerivedValues<S> } {
  const key = slaEngineKey(config);
  const bySource: (ReportSla | undefined)[] = new Array(sources.length);
  for (let i = 0; i < sources.length; i++) {
    const figures = computedSlaFigures(sources[i] as S, key, at);
    if (figures === undefined) {
      const sla = buildSlaReport(sources, config, at);
      return { bySource: sla.bySource, settled: sla.settled };
    }
    bySource[i] = figures ?? undefined;
  }
  return { bySource, settled: { name: SETTLED_SLA, values: new Map() } };
}
