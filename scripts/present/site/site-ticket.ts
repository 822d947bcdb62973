/**
 * One ticket of the site model, for one audience: the public part copied field by field (never
 * a spread of the ticket), the internal block only for the internal audience. Markdown comes
 * through the context's `render`, so a ticket that is in both models is rendered once.
 */
import { publicUpdates } from '../../derive/public-updates.ts';
import { findReviewHeading } from '../../derive/review-edit.ts';
import { impactOf } from '../../derive/service-status.ts';
import type { ClockReport, TicketSla } from '../../derive/sla-clock.ts';
import { ticketPhase } from '../../derive/ticket-phase.ts';
import type { TicketHistory } from '../../git/history.ts';
import type {
  ComponentStatus,
  SiteAffected,
  SiteAudience,
  SiteClock,
  SiteLocale,
  SiteTicket,
  SiteTicketInternal,
  SiteUpdate,
} from '../../model/site.ts';
import { instantMs, isoUtc } from '../../model/time.ts';
import type { OpsbookConfig, Ticket, TicketRecord } from '../../model/types.ts';
import { escapeHtml } from '../escape.ts';
import { renderMarkdown } from './markdown.ts';
import { standardUpdate, standardUpdateKey } from './standard-updates.ts';

/** What every ticket of one model is built with. */
export interface TicketContext {
  audience: SiteAudience;
  /** The build instant, epoch ms. */
  at: number;
  config: OpsbookConfig;
  locale: SiteLocale;
  /** The services the model shows (public: the public ones). */
  shownIds: ReadonlySet<string>;
  publicServices: ReadonlySet<string>;
  serviceName: (id: string) => string;
  /** Markdown to safe HTML (renderMarkdown, or a memo of it). */
  render: (markdown: string) => string;
}

/** Internal only: what a ticket's internal block adds from outside the file. */
export interface TicketExtras {
  /** The ticket's SLA at the build instant. */
  sla?: TicketSla;
  /** The ticket's Git history (null outside a repository). */
  history?: TicketHistory | null;
}

/** The site language of `organization.locale` (`sv-SE` → `sv`); English for any other. */
function siteLocale(locale: string | undefined): SiteLocale {
  const lang = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  return lang === 'de' || lang === 'sv' || lang === 'ru' ? lang : 'en';
}

/** The context of one model: which services it shows, their names, the language. */
export function ticketContext(
  audience: SiteAudience,
  at: number,
  config: OpsbookConfig,
  publicServices: ReadonlySet<string>,
  render: (markdown: string) => string = renderMarkdown,
): TicketContext {
  const catalogue = Object.keys(config.services ?? {}).filter((id) => config.services?.[id] !== undefined);
  const shown = audience === 'internal' ? catalogue : catalogue.filter((id) => publicServices.has(id));
  return {
    audience,
    at,
    config,
    locale: siteLocale(config.organization.locale),
    shownIds: new Set(shown),
    publicServices,
    serviceName: (id) => config.services?.[id]?.name ?? id,
    render,
  };
}

const isoOf = (text: string | undefined | null): string | null => (text ? isoUtc(instantMs(text)) : null);

/** A ticket of the model for the context's audience. */
export function siteTicket(
  record: TicketRecord,
  context: TicketContext,
  extras: TicketExtras = {},
): SiteTicket {
  const { render } = context;
  const t = record.data;
  const phase = ticketPhase(t, context.at);
  const locale = context.locale;
  const updates: SiteUpdate[] = [];
  let lastUpdate = instantMs(t.reported_at);
  for (const update of publicUpdates(t, context.at)) {
    const key = standardUpdateKey(t.kind, update.status, update.cancelled);
    const text = update.text ?? standardUpdate(locale, key);
    const siteUpdate: SiteUpdate = {
      id: `${t.id}-${update.key}`,
      at: isoUtc(update.at),
      status: update.status,
      text,
      html: update.text === null ? `<p>${escapeHtml(text)}</p>` : render(text),
    };
    if (update.text === null) siteUpdate.standard = key;
    updates.push(siteUpdate);
    if (update.at > lastUpdate) lastUpdate = update.at;
  }
  updates.reverse();

  const affected: SiteAffected[] = [];
  for (const ref of t.services ?? []) {
    const id = typeof ref === 'string' ? ref : ref.id;
    if (!context.shownIds.has(id)) continue;
    const effect = typeof ref === 'string' ? undefined : (ref.effect as ComponentStatus | undefined);
    affected.push({
      id,
      name: context.serviceName(id),
      effect: effect ?? (t.kind === 'maintenance' ? 'under_maintenance' : 'operational'),
    });
  }

  const internal = context.audience === 'internal';
  const reviewLine = findReviewHeading(record.body);
  const published = t.review?.publish === true;
  let review: SiteTicket['review'] = null;
  if (reviewLine !== null && (published || internal)) {
    const section = record.body
      .split(/\r\n|\r|\n/)
      .slice(reviewLine - 1)
      .join('\n');
    review = { html: render(section), published };
  }

  const ticket: SiteTicket = {
    id: t.id,
    kind: t.kind,
    title: t.title,
    status: phase.status,
    active: phase.active,
    upcoming: phase.upcoming,
    cancelled: phase.cancelled,
    overrunning: phase.overrunning,
    impact: impactOf(t, internal ? null : context.publicServices),
    createdAt: isoUtc(instantMs(t.reported_at)),
    updatedAt: isoUtc(lastUpdate),
    startedAt: isoUtc(phase.startedAt),
    monitoringAt: phase.monitoringAt === null ? null : isoUtc(phase.monitoringAt),
    resolvedAt: phase.resolvedAt === null ? null : isoUtc(phase.resolvedAt),
    scheduledFor: isoOf(t.scheduled_for),
    scheduledUntil: isoOf(t.scheduled_until),
    services: affected,
    updates,
    review,
  };
  if (internal) {
    ticket.internal = ticketInternal(record, context, extras);
    ticket.priority = ticket.internal.priority;
  }
  return ticket;
}

function ticketInternal(
  record: TicketRecord,
  context: TicketContext,
  extras: TicketExtras,
): SiteTicketInternal {
  const t = record.data as Ticket & Record<string, unknown>;
  const sla = extras.sla;
  const customerId = t.customer ?? null;
  const history = extras.history ?? null;
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  return {
    file: record.file,
    status: sla?.status ?? t.status,
    priority: sla?.priority ?? str(t.priority),
    impact: str(t.impact),
    urgency: str(t.urgency),
    customer: customerId
      ? { id: customerId, name: context.config.customers?.[customerId]?.name ?? customerId }
      : null,
    channel: str(t.channel),
    reportedBy: str(t.reported_by),
    assignee: str(t.assignee),
    team: str(t.team),
    category: str(t.category),
    cause: str(t.cause),
    avoidable: typeof t.avoidable === 'boolean' ? t.avoidable : null,
    duplicateOf: str(t.duplicate_of),
    problem: str(t.problem),
    related: Array.isArray(t.related) ? t.related.map(String) : [],
    runbooks: Array.isArray(t.runbooks) ? t.runbooks.map(String) : [],
    detectedAt: isoOf(t.detected_at),
    reportedAt: isoUtc(instantMs(t.reported_at)),
    acknowledgedAt: isoOf(t.acknowledged_at),
    timeline: (t.timeline ?? []).map((e) => ({
      at: isoUtc(instantMs(e.at)),
      status: e.status ?? null,
      public: e.public ?? null,
      note: e.note ?? null,
      by: e.by ?? null,
    })),
    bodyHtml: context.render(record.body),
    sla: sla
      ? { policy: sla.policy, response: clock(sla.response), resolution: clock(sla.resolution) }
      : null,
    audit: auditOf(history),
  };
}

/** The Git audit trail of a ticket's internal block (null outside a repository). */
export function auditOf(history: TicketHistory | null | undefined): SiteTicketInternal['audit'] {
  if (!history) return null;
  return {
    created: { at: history.created.at, author: history.created.author },
    lastChange: { at: history.lastChange.at, author: history.lastChange.author },
    changes: history.statusChanges.map((c) => ({
      at: c.at,
      author: c.author,
      commit: c.commit,
      from: c.from,
      to: c.to,
    })),
  };
}

function clock(c: ClockReport): SiteClock {
  return {
    state: c.state as SiteClock['state'],
    due: c.due,
    elapsedMinutes: c.elapsedMinutes ?? 0,
    pausedMinutes: c.pausedMinutes ?? 0,
  };
}
