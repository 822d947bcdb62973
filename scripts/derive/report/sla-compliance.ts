/**
 * The report's `sla` section: the states of the response and resolution clocks at `at`, overall
 * and per SLA policy, with the compliance met / (met + breached); and which tickets breached a
 * clock (the review figures need them).
 */
import { byCodePoint, getOrCreate, share } from '../report-stats.ts';
import { CLOCK_STATES, type ReportedState } from '../sla-report.ts';
import type { TicketFacts } from './ticket-facts.ts';
import { type ClockFigures, NONE, type ReportData } from './types.ts';

class ClockCounter {
  readonly counts = Object.fromEntries(CLOCK_STATES.map((s) => [s, 0])) as Record<ReportedState, number>;
  add(state: ReportedState): void {
    this.counts[state]++;
  }
  figures(): ClockFigures {
    const { met, breached } = this.counts;
    return { ...this.counts, compliance: share(met, met + breached) };
  }
}

export class SlaCompliance {
  readonly #response = new ClockCounter();
  readonly #resolution = new ClockCounter();
  readonly #byPolicy = new Map<string, { response: ClockCounter; resolution: ClockCounter }>();
  /** IDs of the tickets with a breached clock. */
  readonly breached = new Set<string>();

  add({ ticket: t, entry }: TicketFacts): void {
    if (!entry) return;
    const [responseState, resolutionState] = entry.states;
    this.#response.add(responseState);
    this.#resolution.add(resolutionState);
    const key = entry.policy ?? NONE;
    const p = getOrCreate(this.#byPolicy, key, () => ({
      response: new ClockCounter(),
      resolution: new ClockCounter(),
    }));
    p.response.add(responseState);
    p.resolution.add(resolutionState);
    if (responseState === 'breached' || resolutionState === 'breached') this.breached.add(t.id);
  }

  figures(): ReportData['sla'] {
    return {
      response: this.#response.figures(),
      resolution: this.#resolution.figures(),
      byPolicy: Object.fromEntries(
        [...this.#byPolicy.entries()]
          .sort((a, b) => byCodePoint(a[0], b[0]))
          .map(([p, c]) => [p, { response: c.response.figures(), resolution: c.resolution.figures() }]),
      ),
    };
  }
}
