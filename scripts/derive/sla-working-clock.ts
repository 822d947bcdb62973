/**
 * One SLA clock (docs/sla.md): working time on a business calendar from its start to its stop
 * (or the instant `at`), outside paused stretches; its due instant, pushed out by the working time
 * paused before it; and its state (met, breached, running, at risk, paused). Pure; instants are
 * epoch milliseconds. `sla-clock.ts` runs two of them per ticket.
 */
import { addBusinessDays, addWorkingMs, type BusinessCalendar, workingMsBetween } from './calendar/index.ts';
import type { Duration } from './duration.ts';

const MINUTE = 60_000;

/** A stretch of time `[start, end)` in epoch milliseconds; `end` may be `Infinity` (still going). */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

export type ClockState = 'met' | 'breached' | 'running' | 'at-risk' | 'paused';

export interface ClockInput {
  /** Clock start (epoch ms). */
  readonly start: number;
  /** Clock stop (epoch ms), or null while it runs; a stop after `at` has not happened yet. */
  readonly stop: number | null;
  readonly target: Duration;
  /** Paused stretches (any order, may overlap); only the parts between start and stop/`at` count. */
  readonly pauses: readonly Interval[];
  readonly calendar: BusinessCalendar;
  /** Share of the target after which a running clock is at risk (0.75 = 75 %); `Infinity`: never. */
  readonly atRisk: number;
  /** The instant the state is computed for (epoch ms). */
  readonly at: number;
}

export interface Clock {
  /** Epoch ms. */
  start: number;
  /** Epoch ms: when the clock is (or was) due, pushed out by paused working time before it. */
  due: number;
  /** Epoch ms, or null while the clock runs at `at`. */
  stoppedAt: number | null;
  /** Whole working minutes from start to stop (or `at`) outside pauses. */
  elapsedMinutes: number;
  /** Whole working minutes inside pauses over the same span. */
  pausedMinutes: number;
  state: ClockState;
  /**
   * The target in working minutes: the `Nm`/`Nh` target, or for `Nbd` the working time from the
   * start to the business-day due without pauses (what `at_risk` is a share of).
   */
  targetMinutes: number;
}

/** Sorted, merged, clipped to `[from, to)`, empty ones dropped. */
function normalizePauses(pauses: readonly Interval[], from: number, to: number): Interval[] {
  const clipped: Interval[] = [];
  for (const p of pauses) {
    const start = Math.max(p.start, from);
    const end = Math.min(p.end, to);
    if (end > start) clipped.push({ start, end });
  }
  if (clipped.length < 2) return clipped;
  clipped.sort((a, b) => a.start - b.start);
  const out: Interval[] = [clipped[0] as Interval];
  for (let i = 1; i < clipped.length; i++) {
    const p = clipped[i] as Interval;
    const last = out[out.length - 1] as Interval;
    if (p.start <= last.end) out[out.length - 1] = { start: last.start, end: Math.max(last.end, p.end) };
    else out.push(p);
  }
  return out;
}

/**
 * The due instant with pauses: the earliest instant at or after the unpaused due `base` by which
 * as much unpaused working time has passed after `base` as was paused before `base`, and at
 * which the clock is not held by a pause. That is the moving due of docs/sla.md: working time paused
 * before the due pushes it out by the same working time (again and again, when the pushed due
 * overtakes further pauses); a pause that begins at or after the due changes nothing. A pause
 * that begins before the due and is still on at the due holds the clock until it ends even when
 * none of its working time lies before the due (a pause from Monday evening over a Tuesday 08:00
 * due): a paused clock cannot run out, it runs out when it resumes with nothing left.
 * `pauses` are normalized and start at or after the start.
 */
function dueWithPauses(cal: BusinessCalendar, base: number, pauses: readonly Interval[]): number {
  let need = 0;
  let k = 0;
  for (; k < pauses.length && (pauses[k] as Interval).start < base; k++) {
    const p = pauses[k] as Interval;
    need += workingMsBetween(cal, p.start, Math.min(p.end, base));
  }
  if (k > 0 && (pauses[k - 1] as Interval).end > base) k--;
  let cursor = base;
  for (; k < pauses.length; k++) {
    const p = pauses[k] as Interval;
    // Only the pause still on at `base` can begin before the cursor; it holds the clock.
    if (p.start >= cursor) {
      const available = workingMsBetween(cal, cursor, p.start);
      if (available >= need) return addWorkingMs(cal, cursor, need);
      need -= available;
    }
    cursor = p.end;
  }
  return addWorkingMs(cal, cursor, need);
}

/**
 * One SLA clock at instant `at` (docs/sla.md). States: stopped at or before due → `met`;
 * stopped after due → `breached`; running and `at` after due → `breached`; running inside a
 * pause → `paused`; running with elapsed ≥ `atRisk` × target → `at-risk`; else `running`.
 * A zero target is due at the start.
 */
export function computeClock(input: ClockInput): Clock {
  const { calendar: cal, target, at, start } = input;
  const stoppedAt = input.stop !== null && input.stop <= at ? Math.max(input.stop, start) : null;
  const spanEnd = stoppedAt ?? Math.max(at, start);
  const pauses = normalizePauses(input.pauses, start, spanEnd);

  let base: number;
  let targetMs: number;
  if (target.kind === 'working') {
    targetMs = target.minutes * MINUTE;
    base = addWorkingMs(cal, start, targetMs);
  } else if (target.days > 0) {
    base = addBusinessDays(cal, start, target.days);
    targetMs = workingMsBetween(cal, start, base);
  } else {
    base = start;
    targetMs = 0;
  }
  const due = dueWithPauses(cal, base, pauses);

  let pausedMs = 0;
  for (const p of pauses) pausedMs += workingMsBetween(cal, p.start, p.end);
  const elapsedMs = workingMsBetween(cal, start, spanEnd) - pausedMs;

  let state: ClockState;
  if (stoppedAt !== null) state = stoppedAt <= due ? 'met' : 'breached';
  else if (at > due) state = 'breached';
  else if (input.pauses.some((p) => p.start <= at && at < p.end)) state = 'paused';
  else if (elapsedMs >= input.atRisk * targetMs) state = 'at-risk';
  else state = 'running';

  return {
    start,
    due,
    stoppedAt,
    elapsedMinutes: Math.floor(elapsedMs / MINUTE),
    pausedMinutes: Math.floor(pausedMs / MINUTE),
    state,
    targetMinutes: Math.floor(targetMs / MINUTE),
  };
}
