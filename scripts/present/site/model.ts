/**
 * Builds the site model (scripts/model/site.ts) for one audience from loaded tickets and the
 * derived data: service status, SLA clocks, runbook staleness, the periodic report, Git history.
 *
 * Leak safety is structural: every public value is copied field by field from the ticket into a
 * fresh object; a ticket is never spread or passed through. Internal facts are written only
 * under `internal` (per ticket), `runbooks`, `reports` and `sla`, and only when the audience is
 * `internal`. Public text is limited to titles, public update texts and published reviews.
 */

import { overallStatus, worstStatus } from '../../derive/component-severity.ts';
import { publicUpdates } from '../../derive/public-updates.ts';
import { findReviewHeading } from '../../derive/review-edit.ts';
import type { RunbookOverview } from '../../derive/runbook-status.ts';
import { serviceHistory } from '../../derive/service-history.ts';
import {
  type EffectSpan,
  effectSpans,
  impactOf,
  isPublished,
  serviceStatusAt,
} from '../../derive/service-status.ts';
import type { ClockReport, TicketSla } from '../../derive/sla-clock.ts';
import type { SlaReport } from '../../derive/sla-report.ts';
import { publicServiceIds } from '../../derive/status-page-outlook.ts';
import { ticketPhase } from '../../derive/ticket-phase.ts';
import type { TicketHistory } from '../../git/history.ts';
import type {
  ComponentStatus,
  SiteAffected,
  SiteAudience,
  SiteClock,
  SiteDuty,
  SiteLocale,
  SiteModel,
  SiteReport,
  SiteRunbook,
  SiteService,
  SiteServiceGroup,
  SiteTicket,
  SiteTicketInternal,
  SiteUpdate,
} from '../../model/site.ts';
import { instantMs, isoUtc } from '../../model/time.ts';
import type { OpsbookConfig, RunbookRecord, Ticket, TicketRecord } from '../../model/types.ts';
import { escapeHtml } from '../escape.ts';
import { renderMarkdown } from './markdown.ts';
import { standardUpdate, standardUpdateKey } from './standard-updates.ts';

export interface SiteModelInput {
  audience: SiteAudience;
  /** The build instant, epoch ms. */
  at: number;
  config: OpsbookConfig;
  /** Every valid ticket, with its body. */
  tickets: readonly TicketRecord[];
  /** Internal only: the SLA of a ticket at `at`. */
  sla?: (id: string) => TicketSla | undefined;
  /**
   * Internal only: the clocks of the tickets open at `at`, as `opsbook sla --open` selects them
   * (openTicketsOf); the SLA page lists these and no others.
   */
  openSla?: Pick<SlaReport, 'tickets' | 'summary'>;
  /** Internal only: runbook staleness and the runbook files. */
  runbooks?: { overview: RunbookOverview; records: readonly RunbookRecord[] };
  /** Internal only: the periodic report, rendered. */
  reports?: SiteReport[];
  /** Internal only: Git history by ticket id (null outside a Git repository). */
  history?: ReadonlyMap<string, TicketHistory> | null;
  /** Internal only: who is on duty per team (rota) at `at`. */
  onDuty?: SiteDuty[];
}

/** The site language of `organization.locale` (`sv-SE` → `sv`); English for any other. */
function siteLocale(locale: string | undefined): SiteLocale {
  const lang = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  return lang === 'de' || lang === 'sv' || lang === 'ru' ? lang : 'en';
}

const isoOf = (text: string | undefined | null): string | null => (text ? isoUtc(instantMs(text)) : null);

export function buildSiteModel(input: SiteModelInput): SiteModel {
  const { audience, at, config } = input;
  const internal = audience === 'internal';
  const timezone = config.organization.timezone;

  const catalogue = Object.entries(config.services ?? {}).filter(([, s]) => s !== undefined);
  const publicServices = publicServiceIds(config);
  const shownServices = internal ? catalogue : catalogue.filter(([id]) => publicServices.has(id));
  const shownIds = new Set(shownServices.map(([id]) => id));

  // Tickets shown: those reported by `at` (later ones did not exist yet); internal, all of
  // them; public, the published incidents and maintenance.
  const shown = input.tickets.filter(
    (t) => instantMs(t.data.reported_at) <= at && (internal || isPublished(t.data, publicServices)),
  );

  // Effect spans of the shown tickets on the shown services.
  const spansByService = new Map<string, EffectSpan[]>();
  for (const t of shown) {
    for (const span of effectSpans(t.data, at)) {
      if (!shownIds.has(span.service)) continue;
      const list = spansByService.get(span.service);
      if (list) list.push(span);
      else spansByService.set(span.service, [span]);
    }
  }

  const services: SiteService[] = shownServices.map(([id, s], i) => {
    const spans = spansByService.get(id) ?? [];
    const history = serviceHistory(spans, id, at, timezone);
    const service: SiteService = {
      id,
      name: s.name,
      description: s.description ?? null,
      group: s.group,
      position: i + 1,
      status: serviceStatusAt(spans, id, at),
      history: history.days,
      availability: history.availability,
    };
    if (internal) {
      service.public = publicServices.has(id);
      service.owner = s.owner ?? null;
    }
    return service;
  });

  const groups: SiteServiceGroup[] = [];
  for (const service of services) {
    let group = groups.find((g) => g.id === service.group);
    if (!group) {
      group = { id: service.group, services: [], status: 'operational' };
      const name = config.groups?.[service.group]?.name;
      if (name) group.name = name;
      groups.push(group);
    }
    group.services.push(service);
  }
  for (const g of groups) g.status = worstStatus(g.services.map((s) => s.status));

  const serviceName = (id: string) => config.services?.[id]?.name ?? id;
  const tickets = shown.map((record) => siteTicket(record, input, shownIds, publicServices, serviceName));
  tickets.sort((a, b) =>
    a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : a.id < b.id ? 1 : -1,
  );

  const model: SiteModel = {
    audience,
    at: isoUtc(at),
    organization: {
      name: config.organization.name,
      timezone,
      locale: siteLocale(config.organization.locale),
      url: (config.organization as { url?: string }).url ?? null,
    },
    status: overallStatus(services.map((s) => s.status)),
    services,
    groups,
    tickets,
  };
  if (internal) {
    model.runbooks = input.runbooks ? siteRunbooks(input.runbooks, serviceName) : [];
    model.reports = input.reports ?? [];
    model.sla = slaOverview(tickets, input.openSla);
    model.onDuty = input.onDuty ?? [];
  }
  return model;
}

function siteTicket(
  record: TicketRecord,
  input: SiteModelInput,
  shownIds: ReadonlySet<string>,
  publicServices: ReadonlySet<string>,
  serviceName: (id: string) => string,
): SiteTicket {
  const t = record.data;
  const phase = ticketPhase(t, input.at);
  const locale = siteLocale(input.config.organization.locale);
  const updates: SiteUpdate[] = [];
  let lastUpdate = instantMs(t.reported_at);
  for (const update of publicUpdates(t, input.at)) {
    const key = standardUpdateKey(t.kind, update.status, update.cancelled);
    const text = update.text ?? standardUpdate(locale, key);
    const siteUpdate: SiteUpdate = {
      id: `${t.id}-${update.key}`,
      at: isoUtc(update.at),
      status: update.status,
      text,
      html: update.text === null ? `<p>${escapeHtml(text)}</p>` : renderMarkdown(text),
    };
    if (update.text === null) siteUpdate.standard = key;
    updates.push(siteUpdate);
    if (update.at > lastUpdate) lastUpdate = update.at;
  }
  updates.reverse();

  const affected: SiteAffected[] = [];
  for (const ref of t.services ?? []) {
    const id = typeof ref === 'string' ? ref : ref.id;
    if (!shownIds.has(id)) continue;
    const effect = typeof ref === 'string' ? undefined : (ref.effect as ComponentStatus | undefined);
    affected.push({
      id,
      name: serviceName(id),
      effect: effect ?? (t.kind === 'maintenance' ? 'under_maintenance' : 'operational'),
    });
  }

  const internal = input.audience === 'internal';
  const reviewLine = findReviewHeading(record.body);
  const published = t.review?.publish === true;
  let review: SiteTicket['review'] = null;
  if (reviewLine !== null && (published || internal)) {
    const section = record.body
      .split(/\r\n|\r|\n/)
      .slice(reviewLine - 1)
      .join('\n');
    review = { html: renderMarkdown(section), published };
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
    impact: impactOf(t, input.audience === 'internal' ? null : publicServices),
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
  if (internal) ticket.internal = ticketInternal(record, input);
  return ticket;
}

function ticketInternal(record: TicketRecord, input: SiteModelInput): SiteTicketInternal {
  const t = record.data as Ticket & Record<string, unknown>;
  const sla = input.sla?.(t.id);
  const customerId = t.customer ?? null;
  const history = input.history?.get(t.id) ?? null;
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  return {
    file: record.file,
    status: sla?.status ?? t.status,
    priority: sla?.priority ?? str(t.priority),
    impact: str(t.impact),
    urgency: str(t.urgency),
    customer: customerId
      ? { id: customerId, name: input.config.customers?.[customerId]?.name ?? customerId }
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
    bodyHtml: renderMarkdown(record.body),
    sla: sla
      ? { policy: sla.policy, response: clock(sla.response), resolution: clock(sla.resolution) }
      : null,
    audit: history
      ? {
          created: { at: history.created.at, author: history.created.author },
          lastChange: { at: history.lastChange.at, author: history.lastChange.author },
          changes: history.statusChanges.map((c) => ({
            at: c.at,
            author: c.author,
            commit: c.commit,
            from: c.from,
            to: c.to,
          })),
        }
      : null,
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

/**
 * The SLA page: the clocks still running, that is those of the open tickets, with the same
 * selection and counts as `opsbook sla --open`. Past breaches belong to the reports.
 */
function slaOverview(
  tickets: readonly SiteTicket[],
  open: SiteModelInput['openSla'],
): NonNullable<SiteModel['sla']> {
  const summary: Record<SiteClock['state'], number> = {
    met: 0,
    running: 0,
    'at-risk': 0,
    paused: 0,
    breached: 0,
    'not-applicable': 0,
  };
  if (open) Object.assign(summary, open.summary);
  const byId = new Map(tickets.map((t) => [t.id, t]));
  const rows: NonNullable<SiteModel['sla']>['rows'] = [];
  for (const entry of open?.tickets ?? []) {
    const t = byId.get(entry.id);
    const i = t?.internal;
    if (!t || !i?.sla) continue;
    rows.push({
      id: t.id,
      title: t.title,
      priority: i.priority,
      status: i.status,
      customer: i.customer?.name ?? null,
      response: i.sla.response,
      resolution: i.sla.resolution,
    });
  }
  return { rows, summary };
}

function siteRunbooks(
  source: NonNullable<SiteModelInput['runbooks']>,
  serviceName: (id: string) => string,
): SiteRunbook[] {
  const byFile = new Map(source.records.map((r) => [r.file, r]));
  const result: SiteRunbook[] = [];
  for (const status of source.overview.runbooks) {
    const record = byFile.get(status.file);
    if (!record) continue;
    const r = record.data;
    result.push({
      id: r.id,
      title: r.title,
      file: record.file,
      services: (r.services ?? []).map((id) => ({ id, name: serviceName(id) })),
      scenario: r.scenario ?? null,
      owner: r.owner ?? null,
      audience: r.audience === 'public' ? 'public' : 'internal',
      lastReviewed: r.last_reviewed ?? null,
      lastTested: r.last_tested ?? null,
      rto: r.rto ?? null,
      rpo: r.rpo ?? null,
      contacts: (r.contacts ?? []).map((c) =>
        [c.name, c.role ? `(${c.role})` : '', c.phone ?? '', c.email ?? ''].filter(Boolean).join(' '),
      ),
      stale: status.stale.length > 0,
      staleReasons: [...status.stale],
      html: renderMarkdown(record.body),
    });
  }
  return result;
}
