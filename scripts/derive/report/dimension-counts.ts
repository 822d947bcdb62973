/**
 * The report's `incidents` and `serviceRequests` sections: the tickets of each kind counted by
 * category and cause (incidents only), service, priority, channel and customer. A ticket that
 * lacks the field counts under NONE; a ticket with several services counts once for each.
 */
import { byCodePoint, Counter, getOrCreate } from '../report-stats.ts';
import type { TicketFacts } from './ticket-facts.ts';
import { NONE, PRIORITIES, type ReportData } from './types.ts';

export class IncidentCounts {
  #total = 0;
  readonly #category = new Counter();
  readonly #cause = new Counter();
  readonly #categoryCause = new Map<string, Counter>();
  readonly #service = new Counter();
  readonly #priority = new Counter();
  readonly #channel = new Counter();
  readonly #customer = new Counter();

  add({ ticket: t, priority, services }: TicketFacts): void {
    if (t.kind !== 'incident') return;
    this.#total++;
    const category = t.category ?? NONE;
    const cause = t.cause ?? NONE;
    this.#category.add(category);
    this.#cause.add(cause);
    getOrCreate(this.#categoryCause, category, () => new Counter()).add(cause);
    for (const s of services) this.#service.add(s);
    this.#priority.add(priority ?? NONE);
    this.#channel.add(t.channel ?? NONE);
    this.#customer.add(t.customer ?? NONE);
  }

  figures(): ReportData['incidents'] {
    return {
      total: this.#total,
      byCategory: this.#category.toObject(),
      byCause: this.#cause.toObject(),
      byCategoryAndCause: Object.fromEntries(
        [...this.#categoryCause.entries()]
          .sort((a, b) => byCodePoint(a[0], b[0]))
          .map(([k, c]) => [k, c.toObject()]),
      ),
      byService: this.#service.toObject(),
      byPriority: this.#priority.toObject(this.#total > 0 ? PRIORITIES : []),
      byChannel: this.#channel.toObject(),
      byCustomer: this.#customer.toObject(),
    };
  }
}

export class RequestCounts {
  #total = 0;
  readonly #service = new Counter();
  readonly #priority = new Counter();
  readonly #channel = new Counter();
  readonly #customer = new Counter();

  add({ ticket: t, priority, services }: TicketFacts): void {
    if (t.kind !== 'service-request') return;
    this.#total++;
    for (const s of services) this.#service.add(s);
    this.#priority.add(priority ?? NONE);
    this.#channel.add(t.channel ?? NONE);
    this.#customer.add(t.customer ?? NONE);
  }

  figures(): ReportData['serviceRequests'] {
    return {
      total: this.#total,
      byService: this.#service.toObject(),
      byPriority: this.#priority.toObject(this.#total > 0 ? PRIORITIES : []),
      byChannel: this.#channel.toObject(),
      byCustomer: this.#customer.toObject(),
    };
  }
}
