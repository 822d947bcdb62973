/**
 * The site model on disk, handed from `opsbook site` to the Astro build. Two files:
 *
 * - `<file>`: one JSON line with everything but the tickets, then one line per ticket without its
 *   heavy parts (updates, review, internal block), with `"detail":[offset,length]`;
 * - `<file>.details`: the heavy parts, one JSON line per ticket, at those byte ranges.
 *
 * The writer sends each ticket to disk as it comes (its light part to `<file>.light` until the
 * model is closed and the tickets are put in order), so the model process never holds 100,000
 * tickets; the Astro build opens the model with
 * `openSiteModel`, which reads a ticket's details only when a page asks for them. Line by line,
 * so no string is ever longer than a ticket's (V8 caps strings at about 512 MB).
 *
 * `readSiteModel` reads a written model whole, or a plain JSON model (a hand-written fixture).
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, rmSync, writeSync } from 'node:fs';
import { readFully } from '../../lib/read-fully.ts';
import type { SiteModel, SiteTicket, SiteTicketInternal } from '../../model/site.ts';

const FLUSH_AT = 1 << 20;

/** The parts of a ticket kept on disk until a page asks for them. */
const HEAVY = ['updates', 'review', 'internal'] as const;
type Heavy = (typeof HEAVY)[number];
type Details = Partial<Pick<SiteTicket, Heavy>>;
type LightTicket = Omit<SiteTicket, Heavy> & { detail: [number, number] };
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

/** The model's first line: everything but the tickets (the audience, the services, ...). */
export function readSiteModelHead(path: string): SiteModelHead {
  const head = headLine(path) ?? parseWhole(readFileSync(path), path);
  if (!isObject(head)) throw new Error(`${path}: line 1 is not a site model`);
  const { tickets: _tickets, ...rest } = head as SiteModel;
  return rest;
}

/** A written model with every ticket whole, or a plain JSON model. */
export function readSiteModel(path: string): SiteModel {
  return read(path, (light, details) => {
    const { detail, ...rest } = light;
    return { ...rest, ...details.read(detail) } as SiteTicket;
  });
}

/**
 * A written model whose tickets read their updates, review and internal block from the details
 * file when a page first asks (the last ticket read is kept, as a page asks several times); a
 * plain JSON model is read whole.
 */
export function openSiteModel(path: string): SiteModel {
  return read(path, lazyTicket);
}

/** A ticket whose heavy parts are read from the details file when first asked for. */
function lazyTicket(light: LightTicket, details: DetailsFile, internal: boolean): SiteTicket {
  const { detail, ...rest } = light;
  const ticket = rest as SiteTicket;
  const part = (key: Heavy) => ({
    enumerable: true,
    get: () => details.read(detail)[key],
  });
  Object.defineProperties(ticket, {
    updates: part('updates'),
    review: part('review'),
    ...(internal ? { internal: part('internal') } : {}),
  });
  return ticket;
}

/**
 * A model's head and its tickets one at a time, for a job that visits each ticket once (the ticket
 * pages): `tickets()` reads the file again on each call, line by line, and a ticket's details are
 * read only when asked for, so the tickets are never all in memory. A plain JSON model is read whole.
 */
export function streamSiteModel(path: string): {
  head: SiteModelHead;
  tickets: (share?: Share) => Iterable<SiteTicket>;
} {
  const head = headLine(path);
  if (head === undefined || (isObject(head) && 'tickets' in head)) {
    const { tickets, ...rest } = openSiteModel(path);
    return {
      head: rest,
      tickets: (share) => (share ? tickets.filter((_, i) => inShare(i, share)) : tickets),
    };
  }
  if (!isObject(head)) throw new Error(`${path}: line 1 is not a site model`);
  const internal = head.audience === 'internal';
  function* tickets(share?: Share): Iterable<SiteTicket> {
    const details = detailsFile(path);
    for (const light of lightTickets(path, share)) yield lazyTicket(light, details, internal);
  }
  return { head, tickets };
}

/**
 * Every `of`-th ticket from the `share`-th (from 0), in the model's order: what one of `of` threads
 * that share the tickets takes. The others' lines are not parsed.
 */
export interface Share {
  share: number;
  of: number;
}

function inShare(place: number, { share, of }: Share): boolean {
  return place % of === share;
}

/**
 * The model's ticket IDs in its order, without parsing the rest of each line where the line
 * starts with a plain ID (as the writer writes it: `{"id":"INC-2026-0001",...`).
 */
export function siteModelTicketIds(path: string): string[] {
  const head = headLine(path);
  if (head === undefined || (isObject(head) && 'tickets' in head))
    return openSiteModel(path).tickets.map((ticket) => ticket.id);
  const ids: string[] = [];
  for (const { text, line } of lines(path)) {
    if (line === 1 || text === '') continue;
    const end = text.startsWith(ID_START) ? text.indexOf('"', ID_START.length) : -1;
    const plain = end > 0 ? text.slice(ID_START.length, end) : undefined;
    if (plain !== undefined && !plain.includes('\\')) ids.push(plain);
    else ids.push(lightTicket(text, path, line).id);
  }
  return ids;
}

const ID_START = '{"id":"';

/** The model's first line as JSON, or undefined when it is not JSON on its own (a pretty-printed model). */
function headLine(path: string): SiteModel | SiteModelHead | undefined {
  const reader = lines(path);
  const first = reader.next();
  reader.return(undefined);
  return first.done ? undefined : parseLine<SiteModel | SiteModelHead>(first.value.text);
}

/**
 * The light tickets of a model written line by line (from line 2 on), each checked; with a share,
 * only that share's.
 */
function* lightTickets(path: string, share?: Share): Generator<LightTicket> {
  let place = 0;
  for (const { text, line } of lines(path)) {
    if (line === 1 || text === '') continue;
    if (share && !inShare(place++, share)) continue;
    yield lightTicket(text, path, line);
  }
}

function lightTicket(text: string, path: string, line: number): LightTicket {
  const value = parseLine<LightTicket>(text);
  if (!isObject(value) || !isRange(value.detail))
    throw new Error(`${path}:${line}: not a ticket of the site model`);
  return value;
}

/**
 * The lines of a file with their numbers (from 1), read a megabyte at a time into one buffer that
 * is reused (a new buffer per block leaves a megabyte of memory outside V8's heap each time, which
 * the collector is slow to return).
 */
function* lines(path: string): Generator<{ text: string; line: number }> {
  const fd = openSync(path, 'r');
  try {
    let buffer = Buffer.allocUnsafe(1 << 20);
    let filled = 0;
    let line = 1;
    for (;;) {
      if (filled === buffer.length) {
        // One line longer than the buffer: a larger one.
        const larger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(larger, 0, 0, filled);
        buffer = larger;
      }
      const n = readSync(fd, buffer, filled, buffer.length - filled, null);
      filled += n;
      const view = buffer.subarray(0, filled);
      let start = 0;
      for (let end = view.indexOf(10, start); end >= 0; end = view.indexOf(10, start)) {
        yield { text: view.toString('utf8', start, end), line: line++ };
        start = end + 1;
      }
      if (n === 0) {
        if (start < filled) yield { text: view.toString('utf8', start, filled), line };
        return;
      }
      buffer.copy(buffer, 0, start, filled);
      filled -= start;
    }
  } finally {
    closeSync(fd);
  }
}

interface DetailsFile {
  read(range: [number, number]): Details;
}

function detailsFile(path: string): DetailsFile {
  let fd: number | null = null;
  let last: { offset: number; value: Details } | null = null;
  let buffer = Buffer.allocUnsafe(64 * 1024);
  return {
    read([offset, length]) {
      if (last?.offset === offset) return last.value;
      fd ??= openSync(`${path}.details`, 'r');
      // One buffer for every read, grown when a ticket needs more (see `lines`).
      if (buffer.length < length) buffer = Buffer.allocUnsafe(Math.max(length, buffer.length * 2));
      readFully(fd, buffer, 0, length, offset, `${path}.details`);
      const value = JSON.parse(buffer.toString('utf8', 0, length)) as Details;
      last = { offset, value };
      return value;
    },
  };
}

function read(
  path: string,
  ticketOf: (light: LightTicket, details: DetailsFile, internal: boolean) => SiteTicket,
): SiteModel {
  const head = headLine(path);
  if (head === undefined) return parseWhole(readFileSync(path), path);
  if (!isObject(head)) throw new Error(`${path}: line 1 is not a site model`);
  if ('tickets' in head) {
    for (const { text, line } of lines(path))
      if (line > 1 && text.trim() !== '')
        throw new Error(`${path}: a whole model on line 1, but more lines after it`);
    return head;
  }
  const details = detailsFile(path);
  const internal = head.audience === 'internal';
  const tickets: SiteTicket[] = [];
  for (const light of lightTickets(path)) tickets.push(ticketOf(light, details, internal));
  if (tickets.length > 0 && !existsSync(`${path}.details`)) throw new Error(`${path}.details is missing`);
  return { ...head, tickets };
}

function parseWhole(bytes: Buffer, path: string): SiteModel {
  try {
    return JSON.parse(bytes.toString('utf8')) as SiteModel;
  } catch (error) {
    throw new Error(`${path}: not a site model (${(error as Error).message})`);
  }
}

/** The line's JSON value, or undefined when the line is not JSON on its own (a pretty-printed model). */
function parseLine<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

function isRange(value: unknown): value is [number, number] {
  return Array.isArray(value) && value.length === 2 && value.every((n) => Number.isSafeInteger(n) && n >= 0);
}

function isObject<T>(value: T | undefined): value is T {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
