/**
 * The site model: read once per build from the file that `opsbook site` writes (its path comes
 * from the opsbook integration's virtual module; JSON lines, or one plain JSON document for a
 * hand-written fixture), then
 * shared by every page. Lookups that pages need (ticket by id, runbook by id, the active and
 * upcoming lists) are built here once, so a page costs a map lookup, not a scan over 10,000
 * tickets.
 */

import { audience, modelFile } from 'virtual:opsbook/site';
import type {
  SiteAudience,
  SiteModel,
  SiteReport,
  SiteRunbook,
  SiteService,
  SiteTicket,
} from '../../../scripts/model/site.ts';
import { openSiteModel } from '../../../scripts/present/site/model-file-read.ts';

export type * from '../../../scripts/model/site.ts';

export interface SiteData {
  model: SiteModel;
  audience: SiteAudience;
  internal: boolean;
  ticketsById: Map<string, SiteTicket>;
  runbooksById: Map<string, SiteRunbook>;
  servicesById: Map<string, SiteService>;
  /** Incidents not yet resolved at the build instant, newest first. */
  activeIncidents: SiteTicket[];
  /** Maintenance in its window at the build instant, earliest start first. */
  ongoingMaintenance: SiteTicket[];
  /** Maintenance that starts after the build instant, earliest start first. */
  upcomingMaintenance: SiteTicket[];
  /** Runbooks grouped by their first service, in catalogue order of the services. */
  runbooksByService: { id: string; name: string; runbooks: SiteRunbook[] }[];
  /** The periodic reports of the build, as the model lists them. */
  reports: SiteReport[];
  /** The latest periodic report: the one whose period ends last (on a tie, the shorter one). */
  latestReport: SiteReport | null;
}

let cached: SiteData | null = null;

class SiteModelError extends Error {}

/** The model of this build, read and indexed on first use. */
export function site(): SiteData {
  if (cached) return cached;
  let model: SiteModel;
  try {
    model = openSiteModel(modelFile);
  } catch (error) {
    throw new SiteModelError(
      `cannot read the site model ${modelFile}: ${(error as Error).message}; build the site with \`opsbook site\``,
    );
  }
  if (audience !== model.audience) {
    throw new SiteModelError(
      `the site model ${modelFile} is for the ${model.audience} audience, but this is the ${audience} build`,
    );
  }
  cached = index(model);
  return cached;
}

function byStart(a: SiteTicket, b: SiteTicket): number {
  const x = a.scheduledFor ?? a.startedAt;
  const y = b.scheduledFor ?? b.startedAt;
  return x < y ? -1 : x > y ? 1 : 0;
}

function index(model: SiteModel): SiteData {
  const internal = model.audience === 'internal';
  const ticketsById = new Map<string, SiteTicket>();
  const activeIncidents: SiteTicket[] = [];
  const ongoingMaintenance: SiteTicket[] = [];
  const upcomingMaintenance: SiteTicket[] = [];
  for (const ticket of model.tickets) {
    ticketsById.set(ticket.id, ticket);
    if (ticket.kind === 'incident' && ticket.active) activeIncidents.push(ticket);
    else if (ticket.kind === 'maintenance' && !ticket.cancelled) {
      if (ticket.active) ongoingMaintenance.push(ticket);
      else if (ticket.upcoming) upcomingMaintenance.push(ticket);
    }
  }
  ongoingMaintenance.sort(byStart);
  upcomingMaintenance.sort(byStart);

  const runbooks = internal ? (model.runbooks ?? []) : [];
  const runbooksById = new Map(runbooks.map((r) => [r.id, r]));
  const servicesById = new Map(model.services.map((s) => [s.id, s]));
  const groups = new Map<string, { id: string; name: string; runbooks: SiteRunbook[] }>();
  const order = (id: string) => servicesById.get(id)?.position ?? Number.MAX_SAFE_INTEGER;
  for (const runbook of runbooks) {
    const first = [...runbook.services].sort((a, b) => order(a.id) - order(b.id))[0];
    const key = first?.id ?? '';
    let group = groups.get(key);
    if (!group) {
      group = { id: key, name: first?.name ?? '', runbooks: [] };
      groups.set(key, group);
    }
    group.runbooks.push(runbook);
  }
  const runbooksByService = [...groups.values()].sort((a, b) => order(a.id) - order(b.id));
  for (const group of runbooksByService) group.runbooks.sort((a, b) => a.title.localeCompare(b.title));

  const reports = internal ? (model.reports ?? []) : [];
  // `opsbook site` puts the latest periodic report (the last full month) first; the others
  // (the last twelve months) follow.
  const latestReport = reports[0] ?? null;

  return {
    model,
    audience: model.audience,
    internal,
    ticketsById,
    runbooksById,
    servicesById,
    activeIncidents,
    ongoingMaintenance,
    upcomingMaintenance,
    runbooksByService,
    reports,
    latestReport,
  };
}
