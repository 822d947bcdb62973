/**
 * The per-file part of `opsbook site`'s models, run on worker threads (ticket-chunks-worker.ts)
 * over chunks of ticket files: each file is read and checked once, its Markdown rendered once for
 * both audiences, its SLA computed, and what leaves the thread is the finished site tickets as
 * their lines of the model files, the ticket's effect spans and its facts for the reports.
 * Invalid files come back as null (the command counts them; `opsbook validate` says why).
 */
import { join } from 'node:path';
import { type EffectSpan, effectSpans } from '../../derive/service-status.ts';
import { computeTicketSla } from '../../derive/sla-clock.ts';
import { readMarkdownDocument } from '../../load/documents.ts';
import { factsOf, type TicketFacts } from '../../load/ticket-facts.ts';
import type { SiteAudience, SiteSlaRow, SiteTicket } from '../../model/site.ts';
import type { OpsbookConfig, TicketRecord } from '../../model/types.ts';
import { renderMarkdown } from './markdown.ts';
import { isShown, slaRowOf } from './model.ts';
import { type SiteTicketLines, siteTicketLines } from './model-file.ts';
import { siteTicket, ticketContext } from './site-ticket.ts';

export interface TicketChunkInit {
  root: string;
  at: number;
  config: OpsbookConfig;
  publicServices: string[];
  audiences: SiteAudience[];
}

/** A ticket of one model as it leaves the thread: its lines of the model file, its start and ID. */
export interface WrittenSiteTicket extends Pick<SiteTicket, 'id' | 'startedAt'> {
  lines: SiteTicketLines;
}

export interface TicketChunkResult {
  file: string;
  facts: TicketFacts;
  /** The ticket in the public model, when it is published. */
  public: WrittenSiteTicket | null;
  /**
   * The ticket in the internal model (without its Git audit trail: `withAuditTrail` adds it), when
   * reported by `at`, with its row of the SLA page.
   */
  internal: (WrittenSiteTicket & { slaRow: SiteSlaRow | null }) | null;
  spans: EffectSpan[];
}

const written = (ticket: SiteTicket): WrittenSiteTicket => ({
  id: ticket.id,
  startedAt: ticket.startedAt,
  lines: siteTicketLines(ticket),
});

export function ticketChunkHandler(
  init: TicketChunkInit,
): (files: readonly string[]) => (TicketChunkResult | null)[] {
  const { root, at, config } = init;
  // One memo per ticket: the public and the internal ticket share their rendered Markdown.
  let memo = new Map<string, string>();
  const render = (markdown: string): string => {
    let html = memo.get(markdown);
    if (html === undefined) {
      html = renderMarkdown(markdown);
      memo.set(markdown, html);
    }
    return html;
  };
  const publicServices = new Set(init.publicServices);
  const contexts = init.audiences.map((audience) =>
    ticketContext(audience, at, config, publicServices, render),
  );
  const publicContext = contexts.find((c) => c.audience === 'public');
  const internalContext = contexts.find((c) => c.audience === 'internal');
  return (files) =>
    files.map((file) => {
      const doc = readMarkdownDocument(join(root, file), file, 'ticket').document;
      if (!doc) return null;
      const record: TicketRecord = { file, data: doc.data, body: doc.body, bodyLine: doc.bodyLine };
      memo = new Map();
      const internal =
        internalContext && isShown(record, internalContext)
          ? siteTicket(record, internalContext, {
              sla: computeTicketSla(record.data, config, at),
              history: null,
            })
          : null;
      const published =
        publicContext && isShown(record, publicContext) ? siteTicket(record, publicContext) : null;
      return {
        file,
        facts: factsOf(record.data),
        public: published && written(published),
        internal: internal && { ...written(internal), slaRow: slaRowOf(internal) },
        spans: internal || published ? effectSpans(record.data, at) : [],
      };
    });
}
