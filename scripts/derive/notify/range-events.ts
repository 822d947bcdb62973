/**
 * The events of a commit range: each changed ticket file parsed at both ends and compared
 * (`ticketEvents`). Files that do not parse at the end of the range are skipped and named
 * (`opsbook validate` reports why); deleted files bring nothing.
 */
import type { ChangedFile } from '../../git/range-files.ts';
import { parseMarkdownDocument } from '../../load/documents.ts';
import type { Ticket } from '../../model/types.ts';
import { type TicketEvent, ticketEvents } from './events.ts';

export interface RangeEvents {
  events: TicketEvent[];
  /** Files that changed but could not be read at the end of the range. */
  skipped: string[];
}

function parse(bytes: Uint8Array | null, file: string): Ticket | null {
  if (bytes === null) return null;
  const doc = parseMarkdownDocument(bytes, file, 'ticket').document;
  // The schema validated the data, so it is a Ticket.
  return doc ? (doc.data as Partial<Ticket> as Ticket) : null;
}

export function rangeEvents(files: readonly ChangedFile[]): RangeEvents {
  const events: TicketEvent[] = [];
  const skipped: string[] = [];
  for (const f of files) {
    if (f.after === null) continue;
    const after = parse(f.after, f.file);
    if (after === null) {
      skipped.push(f.file);
      continue;
    }
    events.push(...ticketEvents(parse(f.before, f.file), after));
  }
  // In time order; events of one instant by id, so every run lists them alike.
  events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { events, skipped };
}
