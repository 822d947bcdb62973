/** The report's `duplicates` section: every ticket marked as a duplicate, by ID. */
import { byCodePoint } from '../report-stats.ts';
import type { TicketFacts } from './ticket-facts.ts';
import type { DuplicateEntry, ReportData } from './types.ts';

export class DuplicateList {
  readonly #tickets: DuplicateEntry[] = [];

  add({ ticket: t }: TicketFacts): void {
    if (!t.duplicate_of) return;
    // Keys in code-point order, as the JSON writes them (see present/report-json.ts).
    this.#tickets.push({
      category: t.category ?? null,
      duplicateOf: t.duplicate_of,
      id: t.id,
      kind: t.kind,
      title: t.title,
    });
  }

  figures(): ReportData['duplicates'] {
    return { count: this.#tickets.length, tickets: this.#tickets.sort((a, b) => byCodePoint(a.id, b.id)) };
  }
}
