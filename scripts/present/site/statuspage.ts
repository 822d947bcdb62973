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
 *
 * This module assembles the documents; the components are built in `statuspage-components.ts`,
 * the incidents and maintenances in `statuspage-incidents.ts`, the shapes are in
 * `statuspage-types.ts`.
 */
import { slugify } from '../../derive/next-id.ts';
import type { SiteModel, SiteTicket } from '../../model/site.ts';
import { isoUtcMillis } from '../../model/time.ts';
import { componentList } from './statuspage-components.ts';
import { type IncidentContext, incident, maintenance } from './statuspage-incidents.ts';
import type { StatuspagePage, StatuspageStatus } from './statuspage-types.ts';

/** Statuspage lists the 50 most recent incidents and scheduled maintenances. */
const STATUSPAGE_LIST_LIMIT = 50;

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
  const id = pageId(model.organization.name);
  const { components, updated } = componentList(model, tickets, id);
  const page: StatuspagePage = {
    id,
    name: model.organization.name,
    url: options.pageUrl,
    time_zone: model.organization.timezone,
    updated_at: isoUtcMillis(updated),
  };
  const status: StatuspageStatus = {
    indicator: model.status.indicator,
    description: model.status.description,
  };
  const byId = new Map(components.map((component) => [component.id, component]));
  const context: IncidentContext = {
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

/** The page id: the organisation name as a slug (`Example IT GmbH` → `example-it-gmbh`). */
export function pageId(organizationName: string): string {
  return slugify(organizationName) || 'opsbook';
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
