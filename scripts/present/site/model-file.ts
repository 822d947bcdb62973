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

/** Reads a model written by writeSiteModel, or a plain JSON model (a hand-written fixture). */
export function readSiteModel(path: string): SiteModel {
  const bytes = readFileSync(path);
  const firstLine = bytes.indexOf(10);
  if (
    bytes[0] === 0x7b &&
    (firstLine < 0 || firstLine === bytes.length - 1 || !isJson(bytes.toString('utf8', 0, firstLine)))
  )
    return JSON.parse(bytes.toString('utf8')) as SiteModel;
  let start = 0;
  let head: Omit<SiteModel, 'tickets'> | null = null;
  const tickets: SiteTicket[] = [];
  while (start < bytes.length) {
    let end = bytes.indexOf(10, start);
    if (end < 0) end = bytes.length;
    if (end > start) {
      const value: unknown = JSON.parse(bytes.toString('utf8', start, end));
      if (head === null) head = value as Omit<SiteModel, 'tickets'>;
      else tickets.push(value as SiteTicket);
    }
    start = end + 1;
  }
  if (head === null) throw new Error(`${path}: empty site model`);
  return { ...head, tickets } as SiteModel;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
