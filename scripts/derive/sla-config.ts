/**
 * The configuration the SLA reads (a subset of opsbook.yaml: calendars, policies, targets) and
 * its compiled form: per policy the business calendar (or why there is none), the pause
 * statuses, the at-risk share and the parsed target per priority. Compiled once per
 * configuration object and kept as long as the object lives.
 */
import {
  type BusinessCalendar,
  type CalendarCache,
  type CalendarSpec,
  compileCalendar,
  createCalendarCache,
  type HolidaySource,
  type HolidayYears,
  publicHolidayYears,
} from './calendar/index.ts';
import { type Duration, parseDuration } from './duration.ts';
import type { PolicyConfig } from './sla-policy.ts';

type Priority = 'P1' | 'P2' | 'P3' | 'P4';

export interface SlaPolicySpec {
  readonly calendar: string;
  readonly pause_statuses?: readonly string[];
  readonly at_risk?: number;
  readonly targets?: {
    readonly [P in Priority]?: { readonly response?: string; readonly resolution?: string };
  };
}

/** The configuration the SLA reads (a subset of opsbook.yaml). */
export interface SlaConfig extends PolicyConfig {
  readonly calendars?: { readonly [id: string]: CalendarSpec | undefined };
  readonly sla: PolicyConfig['sla'] & {
    readonly policies?: { readonly [id: string]: SlaPolicySpec | undefined };
  };
}

/** One policy, ready to run clocks: a calendar (or why there is none), pauses, at-risk share, targets. */
export interface CompiledPolicy {
  readonly calendar: BusinessCalendar | 'unknown-calendar' | 'invalid-calendar';
  readonly pauseStatuses: ReadonlySet<string>;
  readonly atRisk: number;
  readonly targets: ReadonlyMap<
    string,
    { response: Duration | 'invalid' | null; resolution: Duration | 'invalid' | null }
  >;
}

/** Every policy of a configuration, compiled. */
export interface CompiledConfig {
  readonly policies: ReadonlyMap<string, CompiledPolicy>;
}

const compiledConfigs = new WeakMap<SlaConfig, CompiledConfig>();

/** The configuration's policies compiled, once per configuration object (kept in a WeakMap). */
export function compileConfig(config: SlaConfig): CompiledConfig {
  const known = compiledConfigs.get(config);
  if (known) return known;
  const cache: CalendarCache = createCalendarCache();
  const calendars = new Map<string, CompiledPolicy['calendar']>();
  const calendarFor = (id: string): CompiledPolicy['calendar'] => {
    let cal = calendars.get(id);
    if (cal === undefined) {
      const spec = config.calendars && Object.hasOwn(config.calendars, id) ? config.calendars[id] : undefined;
      if (!spec) cal = 'unknown-calendar';
      else {
        try {
          cal = compileCalendar(spec, cache);
        } catch {
          cal = 'invalid-calendar';
        }
      }
      calendars.set(id, cal);
    }
    return cal;
  };
  const target = (text: string | undefined) =>
    text === undefined ? null : (parseDuration(text) ?? 'invalid');
  const policies = new Map<string, CompiledPolicy>();
  for (const [id, spec] of Object.entries(config.sla.policies ?? {})) {
    if (!spec) continue;
    const targets = new Map<
      string,
      { response: Duration | 'invalid' | null; resolution: Duration | 'invalid' | null }
    >();
    for (const [priority, t] of Object.entries(spec.targets ?? {})) {
      if (t) targets.set(priority, { response: target(t.response), resolution: target(t.resolution) });
    }
    policies.set(id, {
      calendar: calendarFor(spec.calendar),
      pauseStatuses: new Set(spec.pause_statuses ?? []),
      // Without `at_risk` a clock is never at risk (config schema).
      atRisk: typeof spec.at_risk === 'number' ? spec.at_risk : Number.POSITIVE_INFINITY,
      targets,
    });
  }
  const result = { policies };
  compiledConfigs.set(config, result);
  return result;
}

/** Years before the year of `at` whose holidays holidaysAhead computes (a desk's usual history). */
const YEARS_BEHIND = 9;
/** Years after it: the day tables reach some 400 days past the last instant they were asked for. */
const YEARS_AHEAD = 2;

/**
 * The public holidays the policies' calendars will ask for, computed once in this thread to hand
 * to the threads that compute SLA clocks (`addHolidayYears`): the years from nine before the year
 * of `at` to two after it, for each country/region of a calendar a policy uses (compiled, so its
 * check passed; the compiled calendars share one source per country/region, which keeps the
 * years for this thread's own clocks). A thread that meets an older ticket computes the years it
 * lacks itself, as without.
 */
export function holidaysAhead(config: SlaConfig, at: number): HolidayYears {
  const year = new Date(at).getUTCFullYear();
  const years: number[] = [];
  for (let y = year - YEARS_BEHIND; y <= year + YEARS_AHEAD; y++) years.push(y);
  const sources = new Set<HolidaySource>();
  for (const { calendar } of compileConfig(config).policies.values()) {
    const source = typeof calendar === 'string' ? null : calendar.internals.publicHolidays;
    if (source) sources.add(source);
  }
  return [...sources].map((source) => publicHolidayYears(source, years));
}
