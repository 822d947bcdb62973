/**
 * The report's `avoidable` section: how many incidents were assessed as avoidable, by cause and
 * category. Duplicates count: each report is a ticket the desk handled.
 */
import { Counter, share } from '../report-stats.ts';
import type { TicketFacts } from './ticket-facts.ts';
import { NONE, type ReportData } from './types.ts';

export class AvoidableCounts {
  #incidents = 0;
  #assessed = 0;
  #avoidable = 0;
  #notAvoidable = 0;
  readonly #byCause = new Counter();
  readonly #byCategory = new Counter();

  add({ ticket: t }: TicketFacts): void {
    if (t.kind !== 'incident') return;
    this.#incidents++;
    if (t.avoidable === true || t.avoidable === false) {
      this.#assessed++;
      if (t.avoidable) {
        this.#avoidable++;
        this.#byCause.add(t.cause ?? NONE);
        this.#byCategory.add(t.category ?? NONE);
      } else this.#notAvoidable++;
    }
  }

  figures(): ReportData['avoidable'] {
    return {
      incidents: this.#incidents,
      assessed: this.#assessed,
      avoidable: this.#avoidable,
      notAvoidable: this.#notAvoidable,
      notAssessed: this.#incidents - this.#assessed,
      share: share(this.#avoidable, this.#assessed),
      byCause: this.#byCause.toObject(),
      byCategory: this.#byCategory.toObject(),
    };
  }
}
