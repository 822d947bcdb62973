/**
 * The site model on disk, handed from `opsbook site` to the Astro build. Two files:
 *
 * - `<file>`: one JSON line with everything but the tickets, then one line per ticket without its
 *   heavy parts (updates, review, internal block), with `"detail":[offset,length]`;
 * - `<file>.details`: the heavy parts, one JSON line per ticket, at those byte ranges.
 *
 * The writer sends each ticket's details to disk as it comes and keeps only the light part, so
 * the model process never holds 100,000 rendered tickets; the Astro build opens the model with
 * `openSiteModel`, which reads a ticket's details only when a page asks for them. Line by line,
 * so no string is ever longer than a ticket's (V8 caps strings at about 512 MB).
 *
 * `readSiteModel` reads a written model whole, or a plain JSON model (a hand-written fixture).
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import type { SiteModel, SiteTicket } from '../../model/site.ts';

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

/** Writes a model ticket by ticket; `close` writes the head and the light tickets. */
export class SiteModelWriter {
  readonly file: string;
  #fd: number;
  #offset = 0;
  #chunk = '';
  /** The light tickets, serialised at once (a string costs a fraction of the object it holds). */
  #light: { startedAt: string; id: string; line: string }[] = [];

  constructor(file: string) {
    this.file = file;
    this.#fd = openSync(`${file}.details`, 'w');
  }

  add(ticket: SiteTicket): void {
    const details: Details = {};
    const light: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(ticket)) {
      if ((HEAVY as readonly string[]).includes(key)) details[key as Heavy] = value;
      else light[key] = value;
    }
    const line = `${JSON.stringify(details)}\n`;
    const length = Buffer.byteLength(line);
    light.detail = [this.#offset, length];
    this.#offset += length;
    this.#light.push({ startedAt: ticket.startedAt, id: ticket.id, line: `${JSON.stringify(light)}\n` });
    this.#chunk += line;
    if (this.#chunk.length >= FLUSH_AT) this.#flush();
  }

  /** Writes the head and the tickets, in the order given (default: as added). */
  close(head: SiteModelHead, order?: typeof newestFirst): void {
    this.#flush();
    closeSync(this.#fd);
    if (order) this.#light.sort(order);
    const fd = openSync(this.file, 'w');
    try {
      let chunk = `${JSON.stringify(head)}\n`;
      for (const ticket of this.#light) {
        chunk += ticket.line;
        if (chunk.length >= FLUSH_AT) {
          writeSync(fd, chunk);
          chunk = '';
        }
      }
      writeSync(fd, chunk);
    } finally {
      closeSync(fd);
    }
    this.#light = [];
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
  const bytes = readFileSync(path);
  const firstLine = bytes.indexOf(10);
  const first = bytes.toString('utf8', 0, firstLine < 0 ? bytes.length : firstLine);
  const head = parseLine<SiteModel>(first) ?? parseWhole(bytes, path);
  if (!isObject(head)) throw new Error(`${path}: line 1 is not a site model`);
  const { tickets: _tickets, ...rest } = head;
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
export function streamSiteModel(path: string): { head: SiteModelHead; tickets: () => Iterable<SiteTicket> } {
  const reader = lines(path);
  const first = reader.next();
  reader.return(undefined);
  const head = first.done ? undefined : parseLine<SiteModel | SiteModelHead>(first.value.text);
  if (head === undefined || (isObject(head) && 'tickets' in head)) {
    const { tickets, ...rest } = openSiteModel(path);
    return { head: rest, tickets: () => tickets };
  }
  if (!isObject(head)) throw new Error(`${path}: line 1 is not a site model`);
  const internal = head.audience === 'internal';
  function* tickets(): Iterable<SiteTicket> {
    const details = detailsFile(path);
    for (const { text, line } of lines(path)) {
      if (line === 1 || text === '') continue;
      const value = parseLine<LightTicket>(text);
      if (!isObject(value) || !isRange(value.detail))
        throw new Error(`${path}:${line}: not a ticket of the site model`);
      yield lazyTicket(value, details, internal);
    }
  }
  return { head, tickets };
}

/** The lines of a file with their numbers (from 1), read a megabyte at a time. */
function* lines(path: string): Generator<{ text: string; line: number }> {
  const fd = openSync(path, 'r');
  try {
    const block = Buffer.allocUnsafe(1 << 20);
    let rest = Buffer.alloc(0);
    let line = 1;
    for (;;) {
      const n = readSync(fd, block, 0, block.length, null);
      const bytes = n === 0 ? rest : Buffer.concat([rest, block.subarray(0, n)]);
      let start = 0;
      for (let end = bytes.indexOf(10, start); end >= 0; end = bytes.indexOf(10, start)) {
        yield { text: bytes.toString('utf8', start, end), line: line++ };
        start = end + 1;
      }
      if (n === 0) {
        if (start < bytes.length) yield { text: bytes.toString('utf8', start), line };
        return;
      }
      rest = Buffer.from(bytes.subarray(start));
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
  return {
    read([offset, length]) {
      if (last?.offset === offset) return last.value;
      fd ??= openSync(`${path}.details`, 'r');
      const buffer = Buffer.allocUnsafe(length);
      let done = 0;
      while (done < length) {
        const n = readSync(fd, buffer, done, length - done, offset + done);
        if (n === 0) throw new Error(`${path}.details ends before byte ${offset + length}`);
        done += n;
      }
      const value = JSON.parse(buffer.toString('utf8')) as Details;
      last = { offset, value };
      return value;
    },
  };
}

function read(
  path: string,
  ticketOf: (light: LightTicket, details: DetailsFile, internal: boolean) => SiteTicket,
): SiteModel {
  const bytes = readFileSync(path);
  const firstLine = bytes.indexOf(10);
  const first = bytes.toString('utf8', 0, firstLine < 0 ? bytes.length : firstLine);
  const head = parseLine<SiteModel | SiteModelHead>(first);
  if (head === undefined) return parseWhole(bytes, path);
  if (!isObject(head)) throw new Error(`${path}: line 1 is not a site model`);
  if ('tickets' in head) {
    if (firstLine >= 0 && bytes.toString('utf8', firstLine).trim() !== '')
      throw new Error(`${path}: a whole model on line 1, but more lines after it`);
    return head;
  }
  const details = detailsFile(path);
  const internal = head.audience === 'internal';
  const tickets: SiteTicket[] = [];
  let start = firstLine < 0 ? bytes.length : firstLine + 1;
  let line = 2;
  while (start < bytes.length) {
    let end = bytes.indexOf(10, start);
    if (end < 0) end = bytes.length;
    if (end > start) {
      const value = parseLine<LightTicket>(bytes.toString('utf8', start, end));
      if (!isObject(value) || !isRange(value.detail))
        throw new Error(`${path}:${line}: not a ticket of the site model`);
      tickets.push(ticketOf(value, details, internal));
    }
    start = end + 1;
    line++;
  }
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
