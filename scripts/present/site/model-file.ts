/**
 * The site model on disk, handed from `opsbook site` to the Astro build, and its writer (the
 * reader is model-file-read.ts). Two files:
 *
 * - `<file>`: one JSON line with everything but the tickets, then one line per ticket without its
 *   heavy parts (updates, review, internal block), with `"detail":[offset,length]`;
 * - `<file>.details`: the heavy parts, one JSON line per ticket, at those byte ranges.
 *
 * The writer sends each ticket to disk as it comes (its light part to `<file>.light` until the
 * model is closed and the tickets are put in order), so the model process never holds 100,000
 * tickets; the Astro build opens the model with `openSiteModel` (model-file-read.ts), which reads
 * a ticket's details only when a page asks for them. Line by line, so no string is ever longer
 * than a ticket's (V8 caps strings at about 512 MB).
 */
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { readFully } from '../../lib/read-fully.ts';
import type { SiteModel, SiteTicket, SiteTicketInternal } from '../../model/site.ts';

const FLUSH_AT = 1 << 20;

/** The parts of a ticket kept on disk until a page asks for them. */
const HEAVY = ['updates', 'review', 'internal'] as const;
export type Heavy = (typeof HEAVY)[number];
/** A ticket's line of `<file>.details`. */
export type Details = Partial<Pick<SiteTicket, Heavy>>;
/** A ticket's line of `<file>`: the place of its details instead of them. */
export type LightTicket = Omit<SiteTicket, Heavy> & { detail: [number, number] };
export type SiteModelHead = Omit<SiteModel, 'tickets'>;

/** Newest first by start, then by ID descending: the order of the model's tickets. */
export function newestFirst(
  a: Pick<SiteTicket, 'startedAt' | 'id'>,
  b: Pick<SiteTicket, 'startedAt' | 'id'>,
): number {
  return a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : a.id < b.id ? 1 : -1;
}

/**
 * Writes a model ticket by ticket; `close` writes the head and the light tickets. Both parts go to
 * disk as they come (the light ones to `<file>.light` until `close` puts them in order), so the
 * writer holds only each ticket's place, never the tickets.
 */
export class SiteModelWriter {
  readonly file: string;
  #details: Spool;
  #light: Spool;
  /** Where each light ticket is in `<file>.light`, with what it is sorted by. */
  #places: { startedAt: string; id: string; offset: number; length: number }[] = [];

  constructor(file: string) {
    this.file = file;
    this.#details = new Spool(`${file}.details`);
    this.#light = new Spool(`${file}.light`);
  }

  add(ticket: SiteTicket): void {
    this.addLines(ticket, siteTicketLines(ticket));
  }

  /** Adds a ticket as `siteTicketLines` wrote it (on a worker thread, say), with its start and ID. */
  addLines(ticket: Pick<SiteTicket, 'startedAt' | 'id'>, lines: SiteTicketLines): void {
    const [at, size] = this.#details.append(`${lines.details}\n`);
    // The light part's JSON with the place of the details as its last key.
    const open = lines.light.length > 2 ? `${lines.light.slice(0, -1)},` : '{';
    const [offset, length] = this.#light.append(`${open}"detail":[${at},${size}]}\n`);
    this.#places.push({ startedAt: ticket.startedAt, id: ticket.id, offset, length });
  }

  /** Writes the head and the tickets, in the order given (default: as added). */
  close(head: SiteModelHead, order?: typeof newestFirst): void {
    this.#details.close();
    this.#light.close();
    if (order) this.#places.sort(order);
    const light = openSync(`${this.file}.light`, 'r');
    const fd = openSync(this.file, 'w');
    try {
      writeSync(fd, `${JSON.stringify(head)}\n`);
      let out = Buffer.allocUnsafe(FLUSH_AT);
      let filled = 0;
      for (const place of this.#places) {
        if (filled + place.length > out.length) {
          writeSync(fd, out, 0, filled);
          filled = 0;
          if (place.length > out.length) out = Buffer.allocUnsafe(place.length);
        }
        readFully(light, out, filled, place.length, place.offset, `${this.file}.light`);
        filled += place.length;
      }
      writeSync(fd, out, 0, filled);
    } finally {
      closeSync(fd);
      closeSync(light);
      rmSync(`${this.file}.light`, { force: true });
    }
    this.#places = [];
  }
}

/**
 * A ticket's two lines of the model as JSON: its light part (without the place of its details,
 * which the writer adds) and its details. Strings cross from a worker thread to the writer for a
 * copy of their bytes, where the ticket's objects would be cloned field by field.
 */
export interface SiteTicketLines {
  light: string;
  details: string;
}

export function siteTicketLines(ticket: SiteTicket): SiteTicketLines {
  const details: Details = {};
  const light: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(ticket)) {
    if ((HEAVY as readonly string[]).includes(key)) details[key as Heavy] = value;
    else light[key] = value;
  }
  return { light: JSON.stringify(light), details: JSON.stringify(details) };
}

/** How the details of an internal ticket end while its audit trail (its block's last key) is not known. */
const NO_AUDIT_YET = '"audit":null}}';

/**
 * The lines of an internal ticket built without its Git audit trail (on a worker thread; the trail
 * is read on the main thread), with the trail: the same bytes as the lines of the ticket built
 * with it.
 */
export function withAuditTrail(lines: SiteTicketLines, audit: SiteTicketInternal['audit']): SiteTicketLines {
  if (audit === null) return lines;
  if (!lines.details.endsWith(NO_AUDIT_YET))
    throw new Error("an internal ticket's details must end with its audit trail, not yet known");
  const details = `${lines.details.slice(0, -NO_AUDIT_YET.length)}"audit":${JSON.stringify(audit)}}}`;
  return { light: lines.light, details };
}

/** A file written in order through a megabyte of text; `append` says where each piece went. */
class Spool {
  #fd: number;
  #offset = 0;
  #chunk = '';

  constructor(path: string) {
    this.#fd = openSync(path, 'w');
  }

  /** Appends the text; its byte range `[offset, length]` in the file. */
  append(text: string): [number, number] {
    const length = Buffer.byteLength(text);
    const at: [number, number] = [this.#offset, length];
    this.#offset += length;
    this.#chunk += text;
    if (this.#chunk.length >= FLUSH_AT) this.#flush();
    return at;
  }

  close(): void {
    this.#flush();
    closeSync(this.#fd);
  }

  #flush(): void {
    if (this.#chunk !== '') writeSync(this.#fd, this.#chunk);
    this.#chunk = '';
  }
}

/** Writes a whole model (its tickets in the order given). */
export function writeSiteModel(path: string, model: SiteModel): void {
  const { tickets, ...head } = model;
  const writer = new SiteModelWriter(path);
  for (const ticket of tickets) writer.add(ticket);
  writer.close(head);
}
