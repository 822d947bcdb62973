/** The report's `tickets` section: every ticket in scope by kind, open and cancelled ones, first and last. */

import { isOpenStatus } from '../../model/lifecycle.ts';
import { localDate } from '../../model/zone-offsets.ts';
import { Counter } from '../report-stats.ts';
import type { TicketFacts } from './ticket-facts.ts';
import { type ReportData, TICKET_KINDS } from './types.ts';

export class TicketCounts {
  readonly #byKind = new Counter();
  #total = 0;
  #open = 0;
  #cancelled = 0;
  #earliestMs = Number.POSITIVE_INFINITY;
  #latestMs = Number.NEGATIVE_INFINITY;

  add({ ticket: t, status, reportedMs }: TicketFacts): void {
    this.#total++;
    this.#byKind.add(t.kind);
    if (reportedMs < this.#earliestMs) this.#earliestMs = reportedMs;
    if (reportedMs > this.#latestMs) this.#latestMs = reportedMs;
    if (isOpenStatus(status)) this.#open++;
    if (t.status === 'cancelled' || status === 'cancelled') this.#cancelled++;
  }

  figures(timezone: string): ReportData['tickets'] {
    return {
      total: this.#total,
      byKind: this.#byKind.toObject(TICKET_KINDS),
      open: this.#open,
      cancelled: this.#cancelled,
      firstReported: Number.isFinite(this.#earliestMs) ? localDate(this.#earliestMs, timezone) : null,
      lastReported: Number.isFinite(this.#latestMs) ? localDate(this.#latestMs, timezone) : null,
    };
  }
}
