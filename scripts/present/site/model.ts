/**
 * Builds the site model (scripts/model/site.ts) for one audience from loaded tickets and the
 * derived data: service status, SLA clocks, runbook staleness, the periodic report, Git history.
 *
 * Leak safety is structural: every public value is copied field by field from the ticket into a
 * fresh object; a ticket is never spread or passed through. Internal facts are written only
 * under `internal` (per ticket), `runbooks`, `reports` and `sla`, and only when the audience is
 * `internal`. Public text is limited to titles, public update texts and published reviews.
 *
 * The model is built ticket by ticket (SiteModelBuilder): each ticket goes to a sink as soon as
 * it is built, and only what the head needs (effect spans, the open SLA rows) is kept, so
 * `opsbook site` can stream 100,000 tickets to disk. buildSiteModel is the whole model at once.
 */

import { overallStatus, worstStatus } from '../../derive/component-severity.ts';
import type { RunbookOverview } from '../../derive/runbook-status.ts';
import { serviceHistory } from '../../derive/service-history.ts';
import { type EffectSpan, effectSpans, isPublished, serviceStatusAt } from '../../derive/service-status.ts';
import type { TicketSla } from '../../derive/sla-clock.ts';
import { publicServiceIds } from '../../derive/status-page-outlook.ts';
import type { TicketHistory } from '../../git/history.ts';
import { isOpenStatus } from '../../model/lifecycle.ts';
import type {
  SiteAudience,
  SiteClock,
  SiteDuty,
  SiteModel,
  SiteReport,
  SiteRunbook,
  SiteService,
  SiteServiceGroup,
  SiteSlaRow,
  SiteTicket,
} from '../../model/site.ts';
import { instantMs, isoUtc } from '../../model/time.ts';
import type { OpsbookConfig, RunbookRecord, TicketRecord } from '../../model/types.ts';
import { renderMarkdown } from './markdown.ts';
import type { SiteModelHead } from './model-file.ts';
import { newestFirst } from './model-file.ts';
import { siteTicket, type TicketContext, type TicketExtras, ticketContext } from './site-ticket.ts';

export interface SiteModelInput {
  audience: SiteAudience;
  /** The build instant, epoch ms. */
  at: number;
  config: OpsbookConfig;
  /** Every valid ticket, with its body. */
  tickets: readonly TicketRecord[];
  /** Internal only: the SLA of a ticket at `at`. */
  sla?: (id: string) => TicketSla | undefined;
  /** Internal only: runbook staleness and the runbook files. */
  runbooks?: { overview: RunbookOverview; records: readonly RunbookRecord[] };
  /** Internal only: the periodic report, rendered. */
  reports?: SiteReport[];
  /** Internal only: Git history by ticket id (null outside a Git repository). */
  history?: ReadonlyMap<string, TicketHistory> | null;
  /** Internal only: who is on duty per team (rota) at `at`. */
  onDuty?: SiteDuty[];
}

/** What the head of an internal model adds to the tickets. */
export type SiteHeadInput = Pick<SiteModelInput, 'runbooks' | 'reports' | 'onDuty'>;

/** Whether a ticket belongs in the model: reported by `at`; public, published too. */
export function isShown(record: TicketRecord, context: TicketContext): boolean {
  return (
    instantMs(record.data.reported_at) <= context.at &&
    (context.audience === 'internal' || isPublished(record.data, context.publicServices))
  );
}

/**
 * A ticket's row of the internal SLA page: the clocks of a ticket open at the build instant, as
 * `opsbook sla --open` selects them; null for any other ticket (and every public one).
 */
export function slaRowOf(ticket: SiteTicket): SiteSlaRow | null {
  const sla = ticket.internal?.sla;
  if (!ticket.internal || !sla || !isOpenStatus(ticket.internal.status)) return null;
  return {
    id: ticket.id,
    title: ticket.title,
    priority: ticket.internal.priority,
    status: ticket.internal.status,
    customer: ticket.internal.customer?.name ?? null,
    response: sla.response,
    resolution: sla.resolution,
  };
}

/**
 * One model, ticket by ticket: `add` builds a shown ticket and hands it to the sink, keeping
 * only its effect spans and (internal) its open SLA row; `note` keeps those of a ticket built and
 * written elsewhere (`opsbook site`'s worker threads); `head` builds the rest.
 */
export class SiteModelBuilder {
  readonly context: TicketContext;
  #sink: (ticket: SiteTicket) => void;
  #spans = new Map<string, EffectSpan[]>();
  #slaRows: SiteSlaRow[] = [];
  #slaSummary: Record<SiteClock['state'], number> = {
    met: 0,
    running: 0,
    'at-risk': 0,
    paused: 0,
    breached: 0,
    'not-applicable': 0,
  };

  constructor(context: TicketContext, sink: (ticket: SiteTicket) => void) {
    this.context = context;
    this.#sink = sink;
  }

  /** Adds a ticket when the model shows it; its spans may be given when already computed. */
  add(record: TicketRecord, extras: TicketExtras = {}, spans?: readonly EffectSpan[]): void {
    if (!isShown(record, this.context)) return;
    const ticket = siteTicket(record, this.context, extras);
    this.note(spans ?? effectSpans(record.data, this.context.at), slaRowOf(ticket));
    this.#sink(ticket);
  }

  /**
   * Keeps what the head needs of a ticket that is written to the model elsewhere (as JSON lines a
   * worker thread made): its effect spans and its row of the SLA page (`slaRowOf`).
   */
  note(spans: readonly EffectSpan[], slaRow: SiteSlaRow | null): void {
    for (const span of spans) {
      if (!this.context.shownIds.has(span.service)) continue;
      const list = this.#spans.get(span.service);
      if (list) list.push(span);
      else this.#spans.set(span.service, [span]);
    }
    if (slaRow) {
      this.#slaSummary[slaRow.response.state]++;
      this.#slaSummary[slaRow.resolution.state]++;
      this.#slaRows.push(slaRow);
    }
  }

  /** Everything but the tickets. */
  head(input: SiteHeadInput = {}): SiteModelHead {
    const { audience, at, config } = this.context;
    const internal = audience === 'internal';
    const timezone = config.organization.timezone;
    const services: SiteService[] = [...this.context.shownIds].map((id, i) => {
      const s = config.services[id] as NonNullable<OpsbookConfig['services'][string]>;
      const spans = this.#spans.get(id) ?? [];
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
        service.public = this.context.publicServices.has(id);
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

    const head: SiteModelHead = {
      audience,
      at: isoUtc(at),
      organization: {
        name: config.organization.name,
        timezone,
        locale: this.context.locale,
        url: (config.organization as { url?: string }).url ?? null,
      },
      status: overallStatus(services.map((s) => s.status)),
      services,
      groups,
    };
    if (internal) {
      head.runbooks = input.runbooks ? siteRunbooks(input.runbooks, this.context.serviceName) : [];
      head.reports = input.reports ?? [];
      const rows = [...this.#slaRows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      head.sla = { rows, summary: { ...this.#slaSummary } };
      head.onDuty = input.onDuty ?? [];
    }
    return head;
  }
}

/** The whole model of one audience at once. */
export function buildSiteModel(input: SiteModelInput): SiteModel {
  const context = ticketContext(input.audience, input.at, input.config, publicServiceIds(input.config));
  const tickets: SiteTicket[] = [];
  const builder = new SiteModelBuilder(context, (ticket) => tickets.push(ticket));
  for (const record of input.tickets) {
    const id = record.data.id;
    builder.add(record, { sla: input.sla?.(id), history: input.history?.get(id) ?? null });
  }
  tickets.sort(newestFirst);
  const { runbooks, reports, onDuty } = input;
  return { ...builder.head({ runbooks, reports, onDuty }), tickets };
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
