/**
 * Reading the site model that model-file.ts writes (the format is described there): its head,
 * every ticket whole (`readSiteModel`, also a plain JSON model such as a hand-written fixture),
 * tickets whose heavy parts are read when a page asks (`openSiteModel`, the Astro build), one
 * ticket at a time (`streamSiteModel`, the ticket pages) and the ticket IDs alone.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { readFully } from '../../lib/read-fully.ts';
import type { SiteModel, SiteTicket } from '../../model/site.ts';
import type { Details, Heavy, LightTicket, SiteModelHead } from './model-file.ts';

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
