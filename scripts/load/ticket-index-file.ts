/**
 * The ticket index's cache file, `.opsbook-cache/ticket-index.tsv`: one line per ticket file,
 *
 *   <file as JSON> TAB <size> TAB <mtimeMs> TAB <ctimeMs> TAB <ino> TAB <facts JSON> TAB <derived JSON>
 *
 * after a first line `{"format":…,"key":…}` (the key changes with the ticket schema). JSON never
 * holds a raw tab or line break, so the fields split without escaping; characters above U+007F
 * are written as JSON escapes, so the file is ASCII (lib/ascii-json.ts). The facts stay text until
 * a command reads them, and a ticket without derived values costs no parse: at 100,000 tickets
 * the file is read in a fraction of the time one JSON document took (whose facts were strings
 * inside strings, escaped twice).
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { asciiJson } from '../lib/ascii-json.ts';
import { writeFileAtomic } from '../lib/atomic-write.ts';

export const CACHE_FILE = 'ticket-index.tsv';
/** The file of the earlier format (one JSON document), removed when the new one is written. */
const OLD_CACHE_FILE = 'ticket-index.json';
const FORMAT = 4;

/** [file, size, mtimeMs, ctimeMs, ino, facts as JSON, derived values] */
export type CacheEntry = [string, number, number, number, number, string, Readonly<Record<string, unknown>>];

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

/** The entry of one line (`text` from `start` to `end`), or null when the line is damaged. */
function entryOf(text: string, start: number, end: number): CacheEntry | null {
  const tabs: number[] = [];
  for (let at = start; tabs.length < 6; at++) {
    at = text.indexOf('\t', at);
    if (at === -1 || at >= end) return null;
    tabs.push(at);
  }
  const [t0, t1, t2, t3, t4, t5] = tabs as [number, number, number, number, number, number];
  const file: unknown = JSON.parse(text.slice(start, t0));
  const size = Number(text.slice(t0 + 1, t1));
  const mtime = Number(text.slice(t1 + 1, t2));
  const ctime = Number(text.slice(t2 + 1, t3));
  const ino = Number(text.slice(t3 + 1, t4));
  const facts = text.slice(t4 + 1, t5);
  const derivedText = text.slice(t5 + 1, end);
  if (typeof file !== 'string' || facts.charCodeAt(0) !== 123) return null;
  if (![size, mtime, ctime, ino].every(Number.isFinite)) return null;
  const derived: unknown = derivedText === '{}' ? NONE : JSON.parse(derivedText);
  if (derived === null || typeof derived !== 'object' || Array.isArray(derived)) return null;
  return [file, size, mtime, ctime, ino, facts, derived as Readonly<Record<string, unknown>>];
}

/** The file is read through a buffer of this many bytes (one whole read would need it twice: bytes and text). */
const READ_CHUNK = 4 << 20;

/** The cached entries by file; none when the file is missing, of another format or damaged (it is rebuilt). */
export function readCacheFile(path: string): Map<string, CacheEntry> {
  const entries = new Map<string, CacheEntry>();
  if (!existsSync(path)) return entries;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    let buffer = Buffer.allocUnsafe(READ_CHUNK);
    let head: string | null = null;
    // Bytes of a line not yet ended wait at the start of the buffer for the next read.
    let kept = 0;
    for (;;) {
      if (kept === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(READ_CHUNK)]);
      const n = readSync(fd, buffer, kept, buffer.length - kept, null);
      const filled = kept + n;
      // The last piece ends the last line, also without a line break.
      const whole = n === 0 ? filled : buffer.lastIndexOf(10, filled - 1) + 1;
      // A byte above 0x7f is damage (the writer escapes every such character): rebuild. The file
      // is ASCII, so each byte is one character, and latin1 is the quickest decoder.
      if (!isAscii(buffer.subarray(kept, filled))) return new Map();
      const text = buffer.toString('latin1', 0, whole);
      for (let start = 0; start < text.length; ) {
        let end = text.indexOf('\n', start);
        if (end === -1) end = text.length;
        if (head === null) {
          head = text.slice(start, end);
          if (head !== headLine()) return new Map();
        } else {
          const entry = entryOf(text, start, end);
          if (!entry) return new Map();
          entries.set(entry[0], entry);
        }
        start = end + 1;
      }
      if (n === 0) break;
      kept = filled - whole;
      buffer.copyWithin(0, whole, filled);
    }
    if (head === null) return new Map();
  } catch {
    return new Map();
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return entries;
}

/** Writes the entries atomically (and removes a cache file of the earlier format). */
export function writeCacheFile(path: string, entries: readonly CacheEntry[]): void {
  const lines = [headLine()];
  for (const [file, size, mtime, ctime, ino, facts, derived] of entries) {
    lines.push(
      asciiJson(
        `${JSON.stringify(file)}\t${size}\t${mtime}\t${ctime}\t${ino}\t${facts}\t${JSON.stringify(derived)}`,
      ),
    );
  }
  writeFileAtomic(path, `${lines.join('\n')}\n`);
  rmSync(join(dirname(path), OLD_CACHE_FILE), { force: true });
}
