/**
 * The ticket pages, written after Astro's build (by `opsbook site`, once the build's process has
 * ended, so its memory is free): Astro rendered the ticket route once, as a shell
 * (src/lib/ticket-shell.ts); here each ticket of the model gets its page from that shell, its
 * title and its content (src/lib/ticket-html.ts, the same function the route renders with in
 * `astro dev`). The integration lists the pages in the sitemap (`ticketPagePaths`).
 *
 * Why not Astro's page pipeline: for each page it builds a request, a response and a component
 * tree, and on a desk with 100,000 tickets that was most of the site's build time. Here a page
 * costs one pass of string building and one file write, and the model's tickets are read one by
 * one from disk, so memory does not grow with the desk.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SiteTicket } from '../../scripts/model/site.ts';
import { escapeHtml } from '../../scripts/present/escape.ts';
import { siteModelTicketIds, streamSiteModel } from '../../scripts/present/site/model-file-read.ts';
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

/** What a ticket's folder may be called: its ID as the schema allows it, nothing a path could abuse. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** From this many tickets the pages are written by one worker thread per core. */
const PARALLEL_FROM = 2000;

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

  // A first pass over the model's tickets: their IDs (a reference to a ticket the site has is a
  // link). Then the pages, each thread its share.
  const ids = ticketIds(input.modelFile);
  const job = { ...input, head: before.split(SHELL_TITLE), tail: after.split(SHELL_TITLE), ids };
  const threads = ids.length >= PARALLEL_FROM ? Math.min(availableParallelism(), 4) : 1;
  if (threads === 1) writeShare({ ...job, share: 0, of: 1 });
  else
    await Promise.all(
      Array.from({ length: threads }, (_, share) => inWorker({ ...job, share, of: threads })),
    );
  return ids.map((id) => `incidents/${id}/`);
}

/**
 * The ticket pages' paths relative to the base (`incidents/INC-2026-0001/`), in the model's order,
 * for the sitemap; an ID that could not name a folder is refused.
 */
export function ticketPagePaths(modelFile: string): string[] {
  return ticketIds(modelFile).map((id) => `incidents/${id}/`);
}

/** The model's ticket IDs, read one ticket at a time; each must be able to name a folder. */
function ticketIds(modelFile: string): string[] {
  const ids = siteModelTicketIds(modelFile);
  for (const id of ids)
    if (!SAFE_ID.test(id) || id === SHELL_ID)
      throw new Error(`ticket ID ${JSON.stringify(id)} cannot name a page`);
  return ids;
}

/** The pages of one thread: the tickets whose place in the model is `share` modulo `of`. */
export interface TicketPagesShare extends TicketPagesInput {
  /** The shell before and after the content mark, each split at the title mark. */
  head: string[];
  tail: string[];
  /** Every ticket's ID, in the model's order. */
  ids: string[];
  share: number;
  of: number;
}

function inWorker(job: TicketPagesShare): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./ticket-pages-worker.ts', import.meta.url), {
      workerData: job,
      resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256 },
    });
    worker.on('error', reject);
    worker.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`a ticket page writer stopped (exit code ${code})`)),
    );
  });
}

/** Writes one thread's share of the ticket pages. */
export function writeShare(job: TicketPagesShare): void {
  const model = streamSiteModel(job.modelFile);
  const known = new Set(job.ids);
  const { organization, runbooks, audience } = model.head;
  const runbookTitles = new Map((runbooks ?? []).map((r) => [r.id, r.title]));
  const lang = langOf(organization.locale);
  const ctx: TicketHtmlContext = {
    texts: translator(lang),
    format: formatters(intlLocaleOf(lang), organization.timezone),
    links: linksFor(job.base),
    hasTicket: (id) => known.has(id),
    runbookTitle: (id) => runbookTitles.get(id),
    internal: audience === 'internal',
  };

  // Written here, one after the other: on two cores the other thread is writing too, and libuv's
  // threads would only add switches between threads and a promise per page.
  for (const ticket of model.tickets({ share: job.share, of: job.of })) {
    const folder = join(job.dir, 'incidents', ticket.id);
    const html = page(ticket, ctx, job.head, job.tail);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'index.html'), html);
  }
}

function page(ticket: SiteTicket, ctx: TicketHtmlContext, head: string[], tail: string[]): string {
  const title = escapeHtml(`${ticket.id}: ${ticket.title}`);
  return head.join(title) + ticketHtml(ticket, ctx) + tail.join(title);
}
