/**
 * The ticket pages, written after Astro's build (from the opsbook integration's
 * `astro:build:done`): Astro rendered the ticket route once, as a shell (src/lib/ticket-shell.ts);
 * here each ticket of the model gets its page from that shell, its title and its content
 * (src/lib/ticket-html.ts, the same function the route renders with in `astro dev`).
 *
 * Why not Astro's page pipeline: for each page it builds a request, a response and a component
 * tree, and on a desk with 100,000 tickets that was most of the site's build time. Here a page
 * costs one pass of string building and one file write, and the model's tickets are read one by
 * one from disk, so memory does not grow with the desk.
 */
import { readFileSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SiteTicket } from '../../scripts/model/site.ts';
import { escapeHtml } from '../../scripts/present/escape.ts';
import { streamSiteModel } from '../../scripts/present/site/model-file.ts';
import { intlLocaleOf, langOf, translator } from '../src/i18n/dictionaries.ts';
import { formatters } from '../src/lib/formatters.ts';
import { linksFor } from '../src/lib/links.ts';
import { type TicketHtmlContext, ticketHtml } from '../src/lib/ticket-html.ts';
import { SHELL_ID, SHELL_MAIN, SHELL_TITLE } from '../src/lib/ticket-shell.ts';

export interface TicketPagesInput {
  /** The build's output folder. */
  dir: string;
  modelFile: string;
  /** The base path, with leading and trailing slash. */
  base: string;
}

/** Page writes under way at once. */
const WRITES_IN_FLIGHT = 16;

/** What a ticket's folder may be called: its ID as the schema allows it, nothing a path could abuse. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Writes `incidents/<id>/index.html` for every ticket of the model, deletes the shell and returns
 * the pages' paths relative to the base (`incidents/INC-2026-0001/`), for the sitemap.
 */
export async function writeTicketPages(input: TicketPagesInput): Promise<string[]> {
  const shellDir = join(input.dir, 'incidents', SHELL_ID);
  const shell = readFileSync(join(shellDir, 'index.html'), 'utf8');
  rmSync(shellDir, { recursive: true, force: true });
  const [before, after, ...rest] = shell.split(SHELL_MAIN);
  if (before === undefined || after === undefined || rest.length > 0)
    throw new Error(`the ticket page shell must hold ${SHELL_MAIN} exactly once`);
  const head = before.split(SHELL_TITLE);
  const tail = after.split(SHELL_TITLE);

  // Two passes over the model's tickets, one at a time: their IDs (each must be able to name a
  // folder; a reference to a ticket the site has is a link), then their pages.
  const model = streamSiteModel(input.modelFile);
  const ids = new Set<string>();
  for (const { id } of model.tickets()) {
    if (!SAFE_ID.test(id) || id === SHELL_ID)
      throw new Error(`ticket ID ${JSON.stringify(id)} cannot name a page`);
    ids.add(id);
  }
  const { organization, runbooks, audience } = model.head;
  const runbookTitles = new Map((runbooks ?? []).map((r) => [r.id, r.title]));
  const lang = langOf(organization.locale);
  const ctx: TicketHtmlContext = {
    texts: translator(lang),
    format: formatters(intlLocaleOf(lang), organization.timezone),
    links: linksFor(input.base),
    hasTicket: (id) => ids.has(id),
    runbookTitle: (id) => runbookTitles.get(id),
    internal: audience === 'internal',
  };

  // The writes go to libuv's threads, a few at a time, while this thread builds the next pages.
  const paths: string[] = [];
  const writing = new Set<Promise<void>>();
  for (const ticket of model.tickets()) {
    const folder = join(input.dir, 'incidents', ticket.id);
    const html = page(ticket, ctx, head, tail);
    const write = mkdir(folder, { recursive: true })
      .then(() => writeFile(join(folder, 'index.html'), html))
      .finally(() => writing.delete(write));
    // A failed write is thrown by the race or the final wait, never left unhandled.
    write.catch(() => {});
    writing.add(write);
    if (writing.size >= WRITES_IN_FLIGHT) await Promise.race(writing);
    paths.push(`incidents/${ticket.id}/`);
  }
  await Promise.all(writing);
  return paths;
}

function page(ticket: SiteTicket, ctx: TicketHtmlContext, head: string[], tail: string[]): string {
  const title = escapeHtml(`${ticket.id}: ${ticket.title}`);
  return head.join(title) + ticketHtml(ticket, ctx) + tail.join(title);
}
