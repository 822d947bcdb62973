/**
 * The Statuspage-compatible API: the JSON documents of the Atlassian Statuspage public API v2
 * (`/api/v2/summary.json` and its siblings) with its field names and values, so that existing
 * status clients, widgets and aggregators read an Opsbook page unchanged.
 *
 * Built from the public fields of the site model only: this module never reads `internal`,
 * `runbooks`, `reports` or `sla` (a test hands it a model whose forbidden fields throw on access).
 *
 * Where Statuspage has data that Opsbook does not keep, the mapping is:
 * - Every ticket has at least one update: the model adds standard updates (scripts/derive/public-updates.ts); a hand-written model without any gets one for its current status.
 * - Ids are ours, deterministic: the page id is the organisation name as a slug, a component id is
 *   the service id, a group's id is `group-<group>`, an incident id is the ticket id as written
 *   (so `<page.url>/incidents/<id>` is the ticket's page, like `shortlink`) and an update id is
 *   the model's (`<ticket id>-<n>`, `<ticket id>-s<n>` for a standard update).
 * - Instants are UTC with milliseconds (`2026-03-02T12:00:00.000Z`). Nothing depends on the build
 *   instant itself, only on what had happened by then, so two builds of the same state give the
 *   same bytes: `page.updated_at` is the latest event of a published ticket (an update, a start, a
 *   resolution, the start or end of a window); a component's `created_at` is the creation of the
 *   earliest ticket naming it, its `updated_at` the latest event of such a ticket; a group's are
 *   its services' earliest and latest. Without any, `NO_DATA` (the Unix epoch).
 * - A group's `name` is its name from opsbook.yaml `groups`, else its id.
 * - A cancelled maintenance is not in the API (Statuspage deletes it); the archive keeps it.
 * - Groups are components with `group: true` and the ids of their services in `components`;
 *   positions count from 1 per level (groups among groups, services within their group).
 * - `affected_components` of an update says how the ticket's services changed with it: an
 *   incident sets them to their effect until it is resolved, a maintenance while it is in
 *   progress or verifying; otherwise they are operational. `null` when the ticket names none.
 * - `deliver_notifications` is true (every published update is meant for subscribers),
 *   `custom_tweet`, `tweet_id` and `reminder_intervals` are null, `showcase` is true for services
 *   and false for groups, `start_date` is null.
 */

import { slugify } from '../../derive/next-id.ts';
import type {
  ComponentStatus,
  IncidentImpact,
  IncidentStatus,
  MaintenanceStatus,
  SiteAffected,
  SiteLocale,
  SiteModel,
  SiteService,
  SiteTicket,
  SiteUpdate,
  StatusIndicator,
} from '../../model/site.ts';
import { isoUtcMillis, isoUtcMillisOf } from '../../model/time.ts';
import { standardUpdate, standardUpdateKey } from './standard-updates.ts';

/**
 * The instant given where the data has none (a component that no ticket names, a page without
 * tickets): the Unix epoch, so that the documents depend on the published data alone.
 */
const NO_DATA = 0;

/** Statuspage lists the 50 most recent incidents and scheduled maintenances. */
const STATUSPAGE_LIST_LIMIT = 50;

export interface StatuspagePage {
  id: string;
  name: string;
  url: string;
  time_zone: string;
  updated_at: string;
}

export interface StatuspageComponent {
  id: string;
  name: string;
  status: ComponentStatus;
  created_at: string;
  updated_at: string;
  position: number;
  description: string | null;
  showcase: boolean;
  start_date: string | null;
  group_id: string | null;
  page_id: string;
  group: boolean;
  only_show_if_degraded: boolean;
  /** Only on groups: the ids of the group's components. */
  components?: string[];
}

export interface StatuspageAffectedComponent {
  code: string;
  name: string;
  old_status: ComponentStatus;
  new_status: ComponentStatus;
}

export interface StatuspageIncidentUpdate {
  id: string;
  status: IncidentStatus | MaintenanceStatus;
  /** The update's text as written (Markdown source), as Statuspage gives it. */
  body: string;
  incident_id: string;
  created_at: string;
  updated_at: string;
  display_at: string;
  affected_components: StatuspageAffectedComponent[] | null;
  deliver_notifications: boolean;
  custom_tweet: string | null;
  tweet_id: string | null;
}

export interface StatuspageIncident {
  id: string;
  name: string;
  status: IncidentStatus | MaintenanceStatus;
  created_at: string;
  updated_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  impact: IncidentImpact;
  shortlink: string;
  started_at: string;
  page_id: string;
  incident_updates: StatuspageIncidentUpdate[];
  components: StatuspageComponent[];
  reminder_intervals: null;
}

export interface StatuspageMaintenance extends StatuspageIncident {
  scheduled_for: string | null;
  scheduled_until: string | null;
}

export interface StatuspageStatus {
  indicator: StatusIndicator;
  description: string;
}

/** The document paths, relative to the site's base. */
export const STATUSPAGE_PATHS = [
  'api/v2/status.json',
  'api/v2/summary.json',
  'api/v2/components.json',
  'api/v2/incidents.json',
  'api/v2/incidents/unresolved.json',
  'api/v2/scheduled-maintenances.json',
  'api/v2/scheduled-maintenances/upcoming.json',
  'api/v2/scheduled-maintenances/active.json',
] as const;

/**
 * All documents of the API, keyed by their path relative to the site's base (see
 * `STATUSPAGE_PATHS`). `pageUrl` is the status page's public address (Statuspage's `page.url`);
 * incident shortlinks point to `<pageUrl>/incidents/<ticket id>/`.
 */
export function statuspageDocuments(model: SiteModel, options: { pageUrl: string }): Map<string, unknown> {
  // Statuspage has no cancelled maintenance: it is deleted there, so it leaves the API here.
  const tickets = model.tickets.filter(
    (ticket) => ticket.kind === 'incident' || (ticket.kind === 'maintenance' && !ticket.cancelled),
  );
  const at = Date.parse(model.at);
  const page: StatuspagePage = {
    id: pageId(model.organization.name),
    name: model.organization.name,
    url: options.pageUrl,
    time_zone: model.organization.timezone,
    // A loop, not Math.max(...events): spreading the events of 25,000 tickets overflows the stack.
    updated_at: isoUtcMillis(
      tickets.reduce(
        (latest, ticket) => ticketEvents(ticket, at).reduce((l, e) => Math.max(l, e), latest),
        NO_DATA,
      ),
    ),
  };
  const status: StatuspageStatus = {
    indicator: model.status.indicator,
    description: model.status.description,
  };
  const components = componentList(model, tickets, page.id);
  const byId = new Map(components.map((component) => [component.id, component]));
  const context: Context = {
    pageId: page.id,
    pageUrl: options.pageUrl,
    components: byId,
    locale: model.organization.locale,
  };

  const incidents = tickets
    .filter((ticket) => ticket.kind === 'incident')
    .sort((a, b) => compareDescending(a.startedAt, b.startedAt) || compareText(a.id, b.id));
  const maintenances = tickets
    .filter((ticket) => ticket.kind === 'maintenance')
    .sort((a, b) => compareDescending(windowStart(a), windowStart(b)) || compareText(a.id, b.id));
  const soonestFirst = (list: SiteTicket[]) =>
    [...list].sort((a, b) => compareDescending(windowStart(b), windowStart(a)) || compareText(a.id, b.id));

  const unresolved = incidents.filter((ticket) => ticket.active).map((ticket) => incident(ticket, context));
  const upcoming = soonestFirst(maintenances.filter((ticket) => ticket.upcoming));
  const active = soonestFirst(maintenances.filter((ticket) => ticket.active));
  const current = soonestFirst(maintenances.filter((ticket) => ticket.upcoming || ticket.active));

  const documents = new Map<string, unknown>();
  documents.set('api/v2/status.json', { page, status });
  documents.set('api/v2/summary.json', {
    page,
    components,
    incidents: unresolved,
    scheduled_maintenances: current.map((ticket) => maintenance(ticket, context)),
    status,
  });
  documents.set('api/v2/components.json', { page, components });
  documents.set('api/v2/incidents.json', {
    page,
    incidents: incidents.slice(0, STATUSPAGE_LIST_LIMIT).map((ticket) => incident(ticket, context)),
  });
  documents.set('api/v2/incidents/unresolved.json', { page, incidents: unresolved });
  documents.set('api/v2/scheduled-maintenances.json', {
    page,
    scheduled_maintenances: maintenances
      .slice(0, STATUSPAGE_LIST_LIMIT)
      .map((ticket) => maintenance(ticket, context)),
  });
  documents.set('api/v2/scheduled-maintenances/upcoming.json', {
    page,
    scheduled_maintenances: upcoming.map((ticket) => maintenance(ticket, context)),
  });
  documents.set('api/v2/scheduled-maintenances/active.json', {
    page,
    scheduled_maintenances: active.map((ticket) => maintenance(ticket, context)),
  });
  return documents;
}

interface Context {
  pageId: string;
  pageUrl: string;
  components: Map<string, StatuspageComponent>;
  locale: SiteLocale;
}

/** The page id: the organisation name as a slug (`Example IT GmbH` → `example-it-gmbh`). */
export function pageId(organizationName: string): string {
  return slugify(organizationName) || 'opsbook';
}

function optionalInstant(text: string | null): string | null {
  return text === null ? null : isoUtcMillisOf(text);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareDescending(a: string, b: string): number {
  return Date.parse(b) - Date.parse(a);
}

function windowStart(ticket: SiteTicket): string {
  return ticket.scheduledFor ?? ticket.startedAt;
}

/** Instants up to `at` at which a ticket changed what the page shows. */
function ticketEvents(ticket: SiteTicket, at: number): number[] {
  const events = [
    ticket.createdAt,
    ticket.updatedAt,
    ticket.startedAt,
    ticket.monitoringAt,
    ticket.resolvedAt,
    ticket.scheduledFor,
    ticket.scheduledUntil,
    ...ticket.updates.map((update) => update.at),
  ];
  const times: number[] = [];
  for (const event of events) {
    if (event === null) continue;
    const time = Date.parse(event);
    if (time <= at) times.push(time);
  }
  return times;
}

function componentList(model: SiteModel, tickets: SiteTicket[], page: string): StatuspageComponent[] {
  const at = Date.parse(model.at);
  const firstByService = new Map<string, number>();
  const latestByService = new Map<string, number>();
  for (const ticket of tickets) {
    const created = Date.parse(ticket.createdAt);
    const events = ticketEvents(ticket, at);
    const latest = events.length > 0 ? Math.max(...events) : undefined;
    for (const affected of ticket.services) {
      firstByService.set(affected.id, Math.min(firstByService.get(affected.id) ?? created, created));
      if (latest === undefined) continue;
      latestByService.set(affected.id, Math.max(latestByService.get(affected.id) ?? latest, latest));
    }
  }
  const createdOf = (service: SiteService) => firstByService.get(service.id) ?? NO_DATA;
  const updatedOf = (service: SiteService) =>
    Math.max(latestByService.get(service.id) ?? NO_DATA, createdOf(service));
  const serviceComponent = (
    service: SiteService,
    position: number,
    groupId: string | null,
  ): StatuspageComponent => ({
    id: service.id,
    name: service.name,
    status: service.status,
    created_at: isoUtcMillis(createdOf(service)),
    updated_at: isoUtcMillis(updatedOf(service)),
    position,
    description: service.description,
    showcase: true,
    start_date: null,
    group_id: groupId,
    page_id: page,
    group: false,
    only_show_if_degraded: false,
  });

  const components: StatuspageComponent[] = [];
  const grouped = new Set<string>();
  let topLevel = 0;
  for (const group of model.groups) {
    if (group.services.length === 0) continue;
    const id = `group-${group.id}`;
    const services = [...group.services].sort((a, b) => a.position - b.position);
    const children = services.map((service, index) => serviceComponent(service, index + 1, id));
    topLevel += 1;
    components.push({
      id,
      name: group.name ?? group.id,
      status: group.status,
      created_at: isoUtcMillis(Math.min(...services.map(createdOf))),
      updated_at: isoUtcMillis(Math.max(...services.map(updatedOf))),
      position: topLevel,
      description: null,
      showcase: false,
      start_date: null,
      group_id: null,
      page_id: page,
      group: true,
      only_show_if_degraded: false,
      components: children.map((child) => child.id),
    });
    components.push(...children);
    for (const service of services) grouped.add(service.id);
  }
  for (const service of model.services) {
    if (grouped.has(service.id)) continue;
    topLevel += 1;
    components.push(serviceComponent(service, topLevel, null));
  }
  return components;
}

/** What an affected service shows while the ticket has this status. */
function statusDuring(
  ticket: SiteTicket,
  status: IncidentStatus | MaintenanceStatus,
  affected: SiteAffected,
) {
  const affecting =
    ticket.kind === 'maintenance'
      ? status === 'in_progress' || status === 'verifying'
      : status === 'investigating' || status === 'identified' || status === 'monitoring';
  return affecting ? affected.effect : 'operational';
}

function incidentUpdates(ticket: SiteTicket, context: Context): StatuspageIncidentUpdate[] {
  const incidentId = ticket.id;
  const affected = ticket.services.filter((service) => context.components.has(service.id));
  // Updates arrive newest first; the component changes are computed oldest first.
  const oldestFirst = [...ticket.updates].reverse();
  // The model gives every ticket an update; a hand-written model may not, and clients index [0].
  if (oldestFirst.length === 0) oldestFirst.push(fallbackUpdate(ticket, context));
  let before = new Map<string, ComponentStatus>(affected.map((service) => [service.id, 'operational']));
  const mapped = oldestFirst.map((update): StatuspageIncidentUpdate => {
    const after = new Map(
      affected.map((service) => [service.id, statusDuring(ticket, update.status, service)]),
    );
    const changes = affected.map(
      (service): StatuspageAffectedComponent => ({
        code: service.id,
        name: service.name,
        old_status: before.get(service.id) ?? 'operational',
        new_status: after.get(service.id) ?? 'operational',
      }),
    );
    before = after;
    const at = isoUtcMillisOf(update.at);
    return {
      id: update.id,
      status: update.status,
      body: update.text,
      incident_id: incidentId,
      created_at: at,
      updated_at: at,
      display_at: at,
      affected_components: changes.length > 0 ? changes : null,
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
    };
  });
  return mapped.reverse();
}

/** A standard update for a ticket without any: its current status, since it began. */
function fallbackUpdate(ticket: SiteTicket, context: Context): SiteUpdate {
  const standard = standardUpdateKey(ticket.kind, ticket.status);
  const text = standardUpdate(context.locale, standard);
  return {
    id: `${ticket.id}-s1`,
    at: ticket.kind === 'maintenance' ? ticket.createdAt : ticket.startedAt,
    status: ticket.status === 'postmortem' ? 'resolved' : ticket.status,
    text,
    html: '',
    standard,
  };
}

function incident(ticket: SiteTicket, context: Context): StatuspageIncident {
  const components: StatuspageComponent[] = [];
  for (const service of ticket.services) {
    const component = context.components.get(service.id);
    if (component) components.push(component);
  }
  return {
    id: ticket.id,
    name: ticket.title,
    status: ticket.status,
    created_at: isoUtcMillisOf(ticket.createdAt),
    updated_at: isoUtcMillisOf(ticket.updatedAt),
    monitoring_at: optionalInstant(ticket.monitoringAt),
    resolved_at: optionalInstant(ticket.resolvedAt),
    impact: ticket.impact,
    shortlink: `${context.pageUrl.replace(/\/+$/, '')}/incidents/${encodeURIComponent(ticket.id)}/`,
    started_at: isoUtcMillisOf(ticket.startedAt),
    page_id: context.pageId,
    incident_updates: incidentUpdates(ticket, context),
    components,
    reminder_intervals: null,
  };
}

function maintenance(ticket: SiteTicket, context: Context): StatuspageMaintenance {
  return {
    ...incident(ticket, context),
    scheduled_for: optionalInstant(ticket.scheduledFor),
    scheduled_until: optionalInstant(ticket.scheduledUntil),
  };
}
