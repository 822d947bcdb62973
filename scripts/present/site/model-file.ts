/**
 * The site model on disk, handed from `opsbook site` to the Astro build: one JSON line with
 * everything but the tickets, then one line per ticket. Line by line, so a desk with 100,000
 * tickets never needs one string longer than a ticket (V8 caps strings at about 512 MB).
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { SiteModel, SiteTicket } from '../../model/site.ts';

const FLUSH_AT = 1 << 20;

export function writeSiteModel(path: string, model: SiteModel): void {
  const { tickets, ...head } = model;
  const fd = openSync(path, 'w');
  try {
    let chunk = `${JSON.stringify(head)}\n`;
    for (const ticket of tickets) {
      chunk += `${JSON.stringify(ticket)}\n`;
      if (chunk.length >= FLUSH_AT) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a model written by writeSiteModel, or a plain JSON model (a hand-written fixture). The two
 * differ by their first line: writeSiteModel's header never holds `tickets`, a whole model always
 * does. A header alone is a model without tickets (nothing published yet), not a whole model.
 */
export function readSiteModel(path: string): SiteModel {
  const bytes = readFileSync(path);
  const firstLine = bytes.indexOf(10);
  const first = bytes.toString('utf8', 0, firstLine < 0 ? bytes.length : firstLine);
  const head = parseLine<SiteModel | Omit<SiteModel, 'tickets'>>(first);
  if (head === undefined) return JSON.parse(bytes.toString('utf8')) as SiteModel;
  if (!isObject(head)) throw new Error(`${path}: line 1 is not a site model`);
  if ('tickets' in head) {
    if (firstLine >= 0 && bytes.toString('utf8', firstLine).trim() !== '')
      throw new Error(`${path}: a whole model on line 1, but more lines after it`);
    return head;
  }
  const tickets: SiteTicket[] = [];
  let start = firstLine < 0 ? bytes.length : firstLine + 1;
  let line = 2;
  while (start < bytes.length) {
    let end = bytes.indexOf(10, start);
    if (end < 0) end = bytes.length;
    if (end > start) {
      const text = bytes.toString('utf8', start, end);
      const value = parseLine<SiteTicket>(text);
      if (!isObject(value)) throw new Error(`${path}:${line}: not a ticket of the site model`);
      tickets.push(value);
    }
    start = end + 1;
    line++;
  }
  return { ...head, tickets };
}

/** The line's JSON value, or undefined when the line is not JSON on its own (a pretty-printed model). */
function parseLine<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

function isObject<T>(value: T | undefined): value is T {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
