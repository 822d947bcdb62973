/**
 * The ticket index's cache file, `.opsbook-cache/ticket-index.tsv`: one line per ticket file,
 *
 *   <file as JSON> TAB <size> TAB <mtimeMs> TAB <ctimeMs> TAB <ino> TAB <facts JSON> TAB <derived JSON>
 *
 * after a first line `{"format":…,"key":…}` (the key changes with the ticket schema). JSON never
 * holds a raw tab or line break, so the fields split without escaping; characters above U+007F
 * are written as JSON escapes, so the file is ASCII (lib/ascii-json.ts). The file is read in
 * pieces of 4 MB; each ticket's facts stay in the file (read through the descriptor opened for it)
 * until a command asks for them, and a ticket without derived values costs no parse. At 100,000
 * tickets the facts are 100 MB that `sla` mostly never needs: not holding them as text saves
 * 130 MB and, on a machine where a page fault is dear, about a sixth of a cached `sla`.
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { asciiJson } from '../lib/ascii-json.ts';
import { writeFileAtomic } from '../lib/atomic-write.ts';
import { readFully } from '../lib/read-fully.ts';

export const CACHE_FILE = 'ticket-index.tsv';
/** The file of the earlier format (one JSON document), removed when the new one is written. */
const OLD_CACHE_FILE = 'ticket-index.json';
const FORMAT = 4;

/**
 * [file, size, mtimeMs, ctimeMs, ino, facts as JSON, derived values]. The facts of an entry read
 * from the file stay there until asked for (CachedFacts): most commands need few of them.
 */
export type CacheEntry = [
  string,
  number,
  number,
  number,
  number,
  string | CachedFacts,
  Readonly<Record<string, unknown>>,
];

/** The derived values of a ticket that has none (shared: nobody writes into derived values). */
const NONE: Readonly<Record<string, unknown>> = Object.freeze({});

let schemaKey: string | undefined;
/** Changes whenever the ticket schema (and so what a valid ticket is) changes. */
function cacheKey(): string {
  if (schemaKey === undefined) {
    const schema = readFileSync(new URL('../../schemas/ticket.schema.json', import.meta.url));
    schemaKey = createHash('sha256').update(schema).digest('hex').slice(0, 16);
  }
  return schemaKey;
}

function headLine(): string {
  return JSON.stringify({ format: FORMAT, key: cacheKey() });
}

/** The smallest and the largest read of facts from the cache file (OpenCacheFile's window). */
const WINDOW_MIN = 16 << 10;
const WINDOW_MAX = 1 << 20;

/** Closes the descriptor of a cache file that nobody closed once nothing can read it any more. */
const unclosed = new FinalizationRegistry<{ fd: number | null }>((held) => {
  if (held.fd !== null) closeSync(held.fd);
});

/**
 * The cache file as it was read, open until `close` (or until nothing refers to it): a file
 * written over it since, by another command, replaces its name, not what this descriptor reads.
 */
class OpenCacheFile {
  readonly #path: string;
  readonly #held: { fd: number | null };
  #whole: Buffer | null = null;
  /** Bytes of the file from `#windowStart` to `#windowEnd`, read for the facts asked for last. */
  #window: Buffer | null = null;
  #windowStart = 0;
  #windowEnd = 0;
  /** How much the next window reads (see #fill). */
  #windowSize = WINDOW_MIN;
  constructor(path: string, fd: number) {
    this.#path = path;
    this.#held = { fd };
    unclosed.register(this, this.#held);
  }
  read(offset: number, length: number): string {
    if (this.#whole) return this.#whole.toString('latin1', offset, offset + length);
    if (!(this.#window && offset >= this.#windowStart && offset + length <= this.#windowEnd)) {
      this.#fill(offset, length);
    }
    const at = offset - this.#windowStart;
    return (this.#window as Buffer).toString('latin1', at, at + length);
  }
  /**
   * Reads a window of the file from `offset` that holds `length` bytes at least. A command that
   * reads every ticket's facts reads them in file order, and each window then doubles, up to
   * WINDOW_MAX: at 100,000 tickets a few hundred reads instead of one per ticket (1.3 s of system
   * calls for `report` where they are dear). A read elsewhere starts again from WINDOW_MIN, so a
   * command that reads a few facts here and there reads little more than it needs.
   */
  #fill(offset: number, length: number): void {
    const { fd } = this.#held;
    if (fd === null) throw new Error('the ticket index cache was read after it was closed');
    const onward =
      this.#window !== null && offset >= this.#windowStart && offset < this.#windowEnd + WINDOW_MAX;
    this.#windowSize = onward ? Math.min(this.#windowSize * 2, WINDOW_MAX) : WINDOW_MIN;
    const size = Math.max(this.#windowSize, length);
    if (!this.#window || this.#window.length < size)
      this.#window = Buffer.allocUnsafe(Math.max(size, WINDOW_MIN));
    const window = this.#window;
    // What the window held is gone from here on, also if a read fails.
    this.#windowEnd = this.#windowStart;
    const got = readFully(fd, window, 0, size, offset, this.#path, length);
    this.#windowStart = offset;
    this.#windowEnd = offset + got;
  }
  /** Reads the whole file at once, for a reader of every entry's facts (the cache's writer). */
  readWhole(): void {
    const { fd } = this.#held;
    if (fd === null || this.#whole) return;
    const whole = Buffer.allocUnsafe(fstatSync(fd).size);
    readFully(fd, whole, 0, whole.length, 0, this.#path);
    this.#whole = whole;
  }
  /** Closes the file; what `readWhole` read stays readable. */
  close(): void {
    if (this.#held.fd !== null) closeSync(this.#held.fd);
    this.#held.fd = null;
    this.#window = null;
  }
}

/** A ticket's facts JSON in the cache file, read when asked for. */
export class CachedFacts {
  readonly #file: OpenCacheFile;
  readonly #offset: number;
  readonly #length: number;
  constructor(file: OpenCacheFile, offset: number, length: number) {
    this.#file = file;
    this.#offset = offset;
    this.#length = length;
  }
  text(): string {
    return this.#file.read(this.#offset, this.#length);
  }
}

/** The facts' JSON, read from the cache file when they are still there. */
export function factsText(facts: string | CachedFacts): string {
  return typeof facts === 'string' ? facts : facts.text();
}

const TAB = 9;
const NEWLINE = 10;
const OPEN_BRACE = 123;

/**
 * The entry of one line (`bytes` from `start` to `end`, at `base + start` in the file), or null
 * when the line is damaged. The file is ASCII, so latin1 decodes it byte for byte.
 */
function entryOf(
  bytes: Buffer,
  start: number,
  end: number,
  base: number,
  file: OpenCacheFile,
): CacheEntry | null {
  const tabs: number[] = [];
  for (let at = start; tabs.length < 6; at++) {
    at = bytes.indexOf(TAB, at);
    if (at === -1 || at >= end) return null;
    tabs.push(at);
  }
  const [t0, t1, t2, t3, t4, t5] = tabs as [number, number, number, number, number, number];
  const text = (from: number, to: number) => bytes.toString('latin1', from, to);
  const name: unknown = JSON.parse(text(start, t0));
  const size = Number(text(t0 + 1, t1));
  const mtime = Number(text(t1 + 1, t2));
  const ctime = Number(text(t2 + 1, t3));
  const ino = Number(text(t3 + 1, t4));
  if (typeof name !== 'string' || bytes[t4 + 1] !== OPEN_BRACE) return null;
  if (![size, mtime, ctime, ino].every(Number.isFinite)) return null;
  const facts = new CachedFacts(file, base + t4 + 1, t5 - t4 - 1);
  const noDerived = end - t5 === 3 && bytes[t5 + 1] === OPEN_BRACE && bytes[t5 + 2] === 125;
  const derived: unknown = noDerived ? NONE : JSON.parse(text(t5 + 1, end));
  if (derived === null || typeof derived !== 'object' || Array.isArray(derived)) return null;
  return [name, size, mtime, ctime, ino, facts, derived as Readonly<Record<string, unknown>>];
}

/** The file is read through a buffer of this many bytes (one whole read would need it twice: bytes and text). */
const READ_CHUNK = 4 << 20;

/**
 * What was read of the cache file. `readWhole` before asking for most entries' facts (one read
 * instead of one per entry); `close` when no entry's facts will be asked for any more, or after
 * `readWhole` (the file itself is closed once nothing refers to it otherwise).
 */
export interface CacheRead {
  entries: Map<string, CacheEntry>;
  readWhole(): void;
  close(): void;
}

/**
 * The cached entries by file; none when the file is missing, of another format or damaged (it is
 * rebuilt). Each line's facts stay in the file (CachedFacts) until asked for, before `close`.
 */
export function readCacheFile(path: string): CacheRead {
  const none = (): CacheRead => ({ entries: new Map(), readWhole: () => {}, close: () => {} });
  if (!existsSync(path)) return none();
  let open: OpenCacheFile | undefined;
  try {
    const fd = openSync(path, 'r');
    const file = new OpenCacheFile(path, fd);
    open = file;
    const entries = new Map<string, CacheEntry>();
    let buffer = Buffer.allocUnsafe(READ_CHUNK);
    let head = false;
    // Bytes of a line not yet ended wait at the start of the buffer for the next read; `base` is
    // where the buffer's first byte is in the file.
    let kept = 0;
    let base = 0;
    for (;;) {
      if (kept === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(READ_CHUNK)]);
      const n = readSync(fd, buffer, kept, buffer.length - kept, base + kept);
      const filled = kept + n;
      // A byte above 0x7f is damage (the writer escapes every such character): rebuild.
      if (!isAscii(buffer.subarray(kept, filled))) return damaged(file, none);
      // The last piece ends the last line, also without a line break.
      const whole = n === 0 ? filled : buffer.lastIndexOf(NEWLINE, filled - 1) + 1;
      for (let start = 0; start < whole; ) {
        let end = buffer.indexOf(NEWLINE, start);
        if (end === -1 || end > whole) end = whole;
        if (!head) {
          if (buffer.toString('latin1', start, end) !== headLine()) return damaged(file, none);
          head = true;
        } else {
          const entry = entryOf(buffer, start, end, base, file);
          if (!entry) return damaged(file, none);
          entries.set(entry[0], entry);
        }
        start = end + 1;
      }
      if (n === 0) break;
      buffer.copyWithin(0, whole, filled);
      base += whole;
      kept = filled - whole;
    }
    if (!head) return damaged(file, none);
    return { entries, readWhole: () => file.readWhole(), close: () => file.close() };
  } catch {
    open?.close();
    return none();
  }
}

function damaged(file: OpenCacheFile, none: () => CacheRead): CacheRead {
  file.close();
  return none();
}

/** Writes the entries atomically (and removes a cache file of the earlier format). */
export function writeCacheFile(path: string, entries: readonly CacheEntry[]): void {
  const lines = [headLine()];
  for (const [file, size, mtime, ctime, ino, facts, derived] of entries) {
    lines.push(
      asciiJson(
        `${JSON.stringify(file)}\t${size}\t${mtime}\t${ctime}\t${ino}\t${factsText(facts)}\t${JSON.stringify(derived)}`,
      ),
    );
  }
  writeFileAtomic(path, `${lines.join('\n')}\n`);
  rmSync(join(dirname(path), OLD_CACHE_FILE), { force: true });
}
