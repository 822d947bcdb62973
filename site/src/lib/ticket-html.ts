/**
 * A ticket's page content as HTML: its public timeline (updates), affected services and, where
 * published, the post-incident review; for the internal site also the `internal` block (the
 * ticket's fields, SLA clocks, the full timeline with notes, the ticket text and the Git audit
 * trail). Also the list of updates that the status page's cards show.
 *
 * Plain functions over a context (texts, formatters, links), with no tie to a build, so one
 * implementation serves both ways a ticket page is made: the page route (incidents/[id].astro,
 * in `astro dev`) and the pages the integration writes after Astro's build
 * (site/integrations/ticket-pages.ts), which would otherwise cost Astro's whole page pipeline
 * for each of 100,000 tickets. Every text and attribute value from the model is escaped here
 * (scripts/present/escape.ts); only the model's `html` fields, rendered and sanitised by
 * scripts/present/site/markdown.ts, are inserted as they are.
 */

import type { SiteClock, SiteTicket, SiteUpdate } from '../../../scripts/model/site.ts';
import { escapeHtmlAttribute as attr, escapeHtml as text } from '../../../scripts/present/escape.ts';
import { isStandardUpdateKey, standardUpdateKey } from '../../../scripts/present/site/standard-updates.ts';
import type { Key, Translator } from '../i18n/dictionaries.ts';
import { type Formatters, formatMinutes } from './formatters.ts';
import { shiftHeadings } from './html.ts';
import type { Links } from './links.ts';
import { clockSign, componentSign, type SignSpec } from './signs.ts';

export interface TicketHtmlContext {
  texts: Translator;
  format: Pick<Formatters, 'instant' | 'date'>;
  links: Links;
  /** Whether the site has a page for the ticket (a reference to another one is a link then). */
  hasTicket(id: string): boolean;
  /** The title of a runbook the site has, else undefined. */
  runbookTitle(id: string): string | undefined;
  /** The internal site: the `internal` block is shown. */
  internal: boolean;
}

/** `<time>` of an instant (UTC ISO) or a local date (YYYY-MM-DD), in the page language. */
export function timeHtml(value: string, ctx: Pick<TicketHtmlContext, 'format'>): string {
  const shown = value.length === 10 ? ctx.format.date(value) : ctx.format.instant(value);
  return `<time datetime="${attr(value)}">${text(shown)}</time>`;
}

/** A status in words with its symbol; the symbol is decoration, the words carry the meaning. */
export function signHtml(
  spec: SignSpec,
  ctx: Pick<TicketHtmlContext, 'texts' | 'links'>,
  fallback?: string,
  extra?: string,
): string {
  const classes = ['sign', `t-${spec.tone}`, extra].filter(Boolean).join(' ');
  const words = ctx.texts.tDynamic(spec.key, fallback ?? spec.key);
  const icon = ctx.links.href(`icons.svg#${spec.icon}`);
  return `<span class="${attr(classes)}"><svg class="icon" aria-hidden="true" focusable="false"><use href="${attr(icon)}"></use></svg><span data-i18n="${attr(spec.key)}">${text(words)}</span></span>`;
}

/** A word from the dictionary with its key, for the language script. */
function word(
  tag: string,
  key: string,
  ctx: Pick<TicketHtmlContext, 'texts'>,
  fallback = key,
  attrs = '',
): string {
  return `<${tag}${attrs} data-i18n="${attr(key)}">${text(ctx.texts.tDynamic(key, fallback))}</${tag}>`;
}

/** One public update: its status, its time and its text (standard or written). */
function updateHtml(u: SiteUpdate, kind: string, ctx: TicketHtmlContext): string {
  const standardKey =
    u.standard && isStandardUpdateKey(u.standard) ? u.standard : standardUpdateKey(kind, u.status);
  const body = u.standard
    ? `<div class="md"><p data-i18n="${attr(standardKey)}">${text(ctx.texts.t(standardKey as Key))}</p></div>`
    : `<div class="md">${u.html}</div>`;
  return `<li><p class="update-head">${word('strong', `state.${u.status}`, ctx, u.status)} ${timeHtml(u.at, ctx)}</p>${body}</li>`;
}

/**
 * A ticket's public updates, newest first. With `fold` (the status page's cards) only the latest
 * is open; the earlier ones are folded away in a details element, as on Statuspage.
 */
export function updatesHtml(
  updates: readonly SiteUpdate[],
  kind: string,
  fold: boolean,
  ctx: TicketHtmlContext,
): string {
  if (updates.length === 0) return word('p', 'ticket.noUpdates', ctx, 'ticket.noUpdates', ' class="muted"');
  const open = fold ? updates.slice(0, 1) : updates;
  const folded = fold ? updates.slice(1) : [];
  let html = `<ol class="updates">${open.map((u) => updateHtml(u, kind, ctx)).join('')}</ol>`;
  if (folded.length > 0) {
    const summary = text(ctx.texts.t('ticket.earlier', folded.length));
    html += `<details class="earlier"><summary data-i18n="ticket.earlier" data-i18n-args="${folded.length}">${summary}</summary><ol class="updates">${folded.map((u) => updateHtml(u, kind, ctx)).join('')}</ol></details>`;
  }
  return html;
}

/** A table that becomes one block per row on a phone: the column heads, then the rows. */
function stackTable(columns: readonly Key[], rows: string, ctx: TicketHtmlContext): string {
  const heads = columns
    .map((key) => `<th scope="col" role="columnheader" data-i18n="${key}">${text(ctx.texts.t(key))}</th>`)
    .join('');
  return `<table class="stack" role="table"><thead role="rowgroup"><tr role="row">${heads}</tr></thead><tbody role="rowgroup">${rows}</tbody></table>`;
}

/** A data cell of a stack table, introduced on a phone by its column's name. */
function cell(column: Key, content: string, ctx: TicketHtmlContext): string {
  return `<td role="cell" data-label="${attr(ctx.texts.t(column))}" data-i18n-cell="${column}">${content}</td>`;
}

/** A `<dt>`/`<dd>` pair of the facts list; `dd` is HTML. */
function fact(key: Key, dd: string, ctx: TicketHtmlContext, ddAttrs = ''): string {
  return `${word('dt', key, ctx)}<dd${ddAttrs}>${dd}</dd>`;
}

/** A ticket's ID as a link when the site has its page. */
function ticketRef(id: string, ctx: TicketHtmlContext): string {
  return ctx.hasTicket(id) ? `<a href="${attr(ctx.links.ticketHref(id))}">${text(id)}</a>` : text(id);
}

/** The content of a ticket's page (inside the page frame's `<main>`). */
export function ticketHtml(ticket: SiteTicket, ctx: TicketHtmlContext): string {
  const { texts } = ctx;
  const maintenance = ticket.kind === 'maintenance';
  const stateKey = ticket.cancelled ? 'state.cancelled' : `state.${ticket.status}`;
  const parts: string[] = [];
  parts.push(
    `<p class="muted"><a href="${attr(ctx.links.href('incidents/'))}" data-i18n="ticket.back">${text(texts.t('ticket.back'))}</a></p>`,
  );
  parts.push(`<h1>${text(ticket.title)}</h1>`);
  parts.push(
    `<ul class="meta"><li>${text(ticket.id)}</li>${word('li', `kind.${ticket.kind}`, ctx, ticket.kind)}<li>${word('strong', stateKey, ctx, ticket.status)}</li>${
      maintenance ? '' : word('li', `impact.${ticket.impact}`, ctx, ticket.impact)
    }${ticket.overrunning ? `<li class="overrun">${word('strong', 'ticket.overrunning', ctx)}</li>` : ''}</ul>`,
  );

  let facts = '';
  if (maintenance && ticket.scheduledFor) {
    const until = ticket.scheduledUntil
      ? ` ${word('span', 'ticket.until', ctx)} ${timeHtml(ticket.scheduledUntil, ctx)}`
      : '';
    facts += fact('ticket.window', timeHtml(ticket.scheduledFor, ctx) + until, ctx);
  } else {
    facts += fact('ticket.started', timeHtml(ticket.startedAt, ctx), ctx);
  }
  if (!maintenance && ticket.resolvedAt)
    facts += fact('ticket.resolved', timeHtml(ticket.resolvedAt, ctx), ctx);
  facts += fact('ticket.updated', timeHtml(ticket.updatedAt, ctx), ctx);
  parts.push(`<dl class="facts">${facts}</dl>`);

  if (ticket.services.length > 0) {
    const items = ticket.services
      .map(
        (s) =>
          `<li>${text(s.name)}${s.effect !== 'operational' ? `: ${signHtml(componentSign(s.effect), ctx)}` : ''}</li>`,
      )
      .join('');
    parts.push(
      `<section aria-labelledby="affected">${word('h2', 'ticket.affected', ctx, 'ticket.affected', ' id="affected"')}<ul>${items}</ul></section>`,
    );
  }

  parts.push(
    `<section aria-labelledby="updates"><h2 id="updates" data-i18n="ticket.updates">${text(texts.t('ticket.updates'))}</h2>${updatesHtml(ticket.updates, ticket.kind, false, ctx)}</section>`,
  );

  if (ticket.review) {
    const unpublished = ticket.review.published
      ? ''
      : `<p class="note" data-i18n="ticket.reviewUnpublished">${text(texts.t('ticket.reviewUnpublished'))}</p>`;
    parts.push(
      `<section aria-labelledby="review"><h2 id="review" data-i18n="ticket.review">${text(texts.t('ticket.review'))}</h2>${unpublished}<div class="md">${ticket.review.html}</div></section>`,
    );
  }

  const internal = ctx.internal ? ticket.internal : undefined;
  if (internal) parts.push(internalHtml(internal, ctx));
  return parts.join('');
}

type Internal = NonNullable<SiteTicket['internal']>;

function internalHtml(internal: Internal, ctx: TicketHtmlContext): string {
  const { texts } = ctx;
  const plain = (key: Key, value: string | null | undefined) => (value ? fact(key, text(value), ctx) : '');
  const yesNo = (v: boolean) => (v ? 'in.yes' : 'in.no');
  let facts = fact(
    'in.ticketStatus',
    text(texts.tDynamic(`ostatus.${internal.status}`, internal.status)),
    ctx,
    ` data-i18n="${attr(`ostatus.${internal.status}`)}"`,
  );
  facts += plain('in.priority', internal.priority);
  facts += plain('in.impact', internal.impact);
  facts += plain('in.urgency', internal.urgency);
  if (internal.customer)
    facts += fact(
      'in.customer',
      `${text(internal.customer.name)} <span class="muted">(${text(internal.customer.id)})</span>`,
      ctx,
    );
  facts += plain('in.channel', internal.channel);
  facts += plain('in.reportedBy', internal.reportedBy);
  facts += plain('in.assignee', internal.assignee);
  facts += plain('in.team', internal.team);
  facts += plain('in.category', internal.category);
  facts += plain('in.cause', internal.cause);
  if (internal.avoidable !== null) {
    const key = yesNo(internal.avoidable);
    facts += fact('in.avoidable', text(texts.t(key)), ctx, ` data-i18n="${key}"`);
  }
  if (internal.duplicateOf) facts += fact('in.duplicateOf', ticketRef(internal.duplicateOf, ctx), ctx);
  if (internal.problem) facts += fact('in.problem', ticketRef(internal.problem, ctx), ctx);
  if (internal.related.length > 0)
    facts += fact(
      'in.related',
      `<ul class="inline-list">${internal.related.map((id) => `<li>${ticketRef(id, ctx)}</li>`).join('')}</ul>`,
      ctx,
    );
  if (internal.runbooks.length > 0) {
    const items = internal.runbooks.map((id) => {
      const title = ctx.runbookTitle(id);
      return `<li>${title === undefined ? text(id) : `<a href="${attr(ctx.links.runbookHref(id))}">${text(title)}</a>`}</li>`;
    });
    facts += fact('in.runbooks', `<ul class="inline-list">${items.join('')}</ul>`, ctx);
  }
  if (internal.detectedAt) facts += fact('in.detectedAt', timeHtml(internal.detectedAt, ctx), ctx);
  facts += fact('in.reportedAt', timeHtml(internal.reportedAt, ctx), ctx);
  if (internal.acknowledgedAt)
    facts += fact('in.acknowledgedAt', timeHtml(internal.acknowledgedAt, ctx), ctx);
  facts += fact('in.file', `<code>${text(internal.file)}</code>`, ctx);

  const parts: string[] = [];
  parts.push(
    `<section aria-labelledby="internal"><h2 id="internal" data-i18n="in.details">${text(texts.t('in.details'))}</h2><dl class="facts">${facts}</dl>`,
  );
  parts.push(`<h3 id="sla" data-i18n="sla.clocks">${text(texts.t('sla.clocks'))}</h3>`);
  if (internal.sla) {
    if (internal.sla.policy)
      parts.push(`<p>${word('span', 'sla.policy', ctx)}: <code>${text(internal.sla.policy)}</code></p>`);
    const clocks: [Key, SiteClock][] = [
      ['sla.response', internal.sla.response],
      ['sla.resolution', internal.sla.resolution],
    ];
    const rows = clocks
      .map(
        ([key, clock]) =>
          `<tr role="row"><th scope="row" role="rowheader" data-i18n="${key}">${text(texts.tDynamic(key, key))}</th>${cell('sla.state', signHtml(clockSign(clock.state), ctx), ctx)}${cell('sla.due', clock.due ? timeHtml(clock.due, ctx) : '–', ctx)}${cell('sla.elapsed', text(formatMinutes(clock.elapsedMinutes)), ctx)}${cell('sla.paused', text(formatMinutes(clock.pausedMinutes)), ctx)}</tr>`,
      )
      .join('');
    parts.push(stackTable(['sla.clock', 'sla.state', 'sla.due', 'sla.elapsed', 'sla.paused'], rows, ctx));
  } else {
    parts.push(`<p data-i18n="sla.noPolicy">${text(texts.t('sla.noPolicy'))}</p>`);
  }

  parts.push(`<h3 id="timeline" data-i18n="in.timeline">${text(texts.t('in.timeline'))}</h3>`);
  const timeline = internal.timeline
    .map((e) => {
      const status = e.status ? word('span', `ostatus.${e.status}`, ctx, e.status) : '';
      const entry =
        (e.public
          ? `<p><strong data-i18n="in.public">${text(texts.t('in.public'))}</strong>: ${text(e.public)}</p>`
          : '') +
        (e.note
          ? `<p><strong data-i18n="in.note">${text(texts.t('in.note'))}</strong>: ${text(e.note)}</p>`
          : '');
      return `<tr role="row">${cell('in.time', timeHtml(e.at, ctx), ctx)}${cell('in.statusChange', status, ctx)}${cell('in.entry', entry, ctx)}${cell('in.by', text(e.by ?? ''), ctx)}</tr>`;
    })
    .join('');
  parts.push(stackTable(['in.time', 'in.statusChange', 'in.entry', 'in.by'], timeline, ctx));

  parts.push(`<h3 id="body" data-i18n="in.body">${text(texts.t('in.body'))}</h3>`);
  parts.push(`<div class="md">${shiftHeadings(internal.bodyHtml, 1)}</div>`);

  parts.push(`<h3 id="audit" data-i18n="in.audit">${text(texts.t('in.audit'))}</h3>`);
  const audit = internal.audit;
  if (audit) {
    let auditFacts = '';
    if (audit.created)
      auditFacts += fact(
        'in.created',
        `${timeHtml(audit.created.at, ctx)}, ${text(audit.created.author)}`,
        ctx,
      );
    if (audit.lastChange)
      auditFacts += fact(
        'in.lastChange',
        `${timeHtml(audit.lastChange.at, ctx)}, ${text(audit.lastChange.author)}`,
        ctx,
      );
    parts.push(`<dl class="facts">${auditFacts}</dl>`);
    if (audit.changes.length > 0) {
      const rows = audit.changes
        .map(
          (c) =>
            `<tr role="row">${cell('in.time', timeHtml(c.at, ctx), ctx)}${cell('in.author', text(c.author), ctx)}${cell('in.commit', `<code>${text(c.commit.slice(0, 10))}</code>`, ctx)}${cell('in.statusChange', `${text(c.from ?? '–')} → ${text(c.to ?? '–')}`, ctx)}</tr>`,
        )
        .join('');
      parts.push(stackTable(['in.time', 'in.author', 'in.commit', 'in.statusChange'], rows, ctx));
    }
  } else {
    parts.push(`<p class="muted" data-i18n="in.noAudit">${text(texts.t('in.noAudit'))}</p>`);
  }
  parts.push('</section>');
  return parts.join('');
}
