/**
 * The site model: everything the Astro site shows, derived once by `opsbook site build` from the
 * shared loader and the derive functions (the site computes no SLA, status or report itself).
 *
 * One model per audience. The public model is built field by field from the derived data, never
 * by copying a ticket: internal facts live only under `internal`, `runbooks`, `reports` and
 * `sla`, which the public model never has. Instants are UTC ISO strings with `Z`; dates are local
 * dates (`YYYY-MM-DD`) in `organization.timezone`. Markdown arrives already rendered to safe
 * HTML (`html` fields, see scripts/present/site/markdown.ts).
 */

export type SiteAudience = 'public' | 'internal';

/** A component's status, as in the Atlassian Statuspage API v2. */
export type ComponentStatus =
  | 'operational'
  | 'degraded_performance'
  | 'partial_outage'
  | 'major_outage'
  | 'under_maintenance';

/** The page's overall indicator, as in Statuspage's `status.indicator`. */
export type StatusIndicator = 'none' | 'minor' | 'major' | 'critical' | 'maintenance';

/** An incident's impact, as in Statuspage's `incident.impact`. */
export type IncidentImpact = 'none' | 'minor' | 'major' | 'critical' | 'maintenance';

/** Statuspage's incident statuses. */
export type IncidentStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved' | 'postmortem';

/** Statuspage's scheduled-maintenance statuses. */
export type MaintenanceStatus = 'scheduled' | 'in_progress' | 'verifying' | 'completed';

/** The languages of the site's interface. */
export type SiteLocale = 'en' | 'de' | 'sv' | 'ru';

export interface SiteOrganization {
  name: string;
  /** IANA zone in which dates are shown. */
  timezone: string;
  /** The interface language the pages are rendered in; readers can switch. */
  locale: SiteLocale;
  /** The public address of the status page, when configured. */
  url: string | null;
}

/** One day of a service's history (local date in the organisation's zone). */
export interface SiteDay {
  date: string;
  /** The worst status the service had at any moment of the day. */
  worst: ComponentStatus;
  /** Minutes of the day spent in each non-operational status (an overlap counts the worst). */
  minutes: {
    major_outage: number;
    partial_outage: number;
    degraded_performance: number;
    under_maintenance: number;
  };
  /**
   * Availability of the day in percent (0–100): a minute of major outage counts fully as
   * downtime, a minute of partial outage 30 % (Statuspage's weighting); degraded performance and
   * maintenance count as available. Days after `at` are not part of the history.
   */
  availability: number;
  /** IDs of the published tickets that touched the service that day. */
  tickets: string[];
}

export interface SiteService {
  id: string;
  name: string;
  description: string | null;
  group: string;
  /** Order on the page (catalogue order in opsbook.yaml), 1-based. */
  position: number;
  /** The status at the build instant. */
  status: ComponentStatus;
  /** The 90 days up to and including the build instant's date, oldest first. */
  history: SiteDay[];
  /** Availability over `history` in percent, rounded to 3 decimals. */
  availability: number;
  /** Only in the internal model: false for services that the public page never shows. */
  public?: boolean;
  /** Only in the internal model: the owning team's id. */
  owner?: string | null;
}

export interface SiteServiceGroup {
  id: string;
  /** The display name from opsbook.yaml `groups`, when configured. */
  name?: string;
  services: SiteService[];
  /** The worst status among the group's services. */
  status: ComponentStatus;
}

/**
 * A published update of a ticket: a timeline entry with `public` text, or a standard update
 * where the status changed and nobody wrote about it (see scripts/derive/public-updates.ts).
 */
export interface SiteUpdate {
  /**
   * `<ticket id>-<n>`, n counting the ticket's public texts from 1; a standard update is
   * `<ticket id>-s<n>`, n counting the ticket's status changes from 1.
   */
  id: string;
  at: string;
  status: IncidentStatus | MaintenanceStatus;
  /** The update's text as written (Markdown source, untrusted); a standard sentence in the organisation's language. */
  text: string;
  html: string;
  /**
   * Only on a standard update: the dictionary key of its sentence
   * (`update.<incident|maintenance>.<status>`), so the page shows it in the reader's language.
   */
  standard?: string;
}

export interface SiteAffected {
  id: string;
  name: string;
  /** The effect while the ticket is active (`operational` when none is given). */
  effect: ComponentStatus;
}

/** A ticket as the site shows it. Public models hold only published incidents and maintenance. */
export interface SiteTicket {
  id: string;
  kind: 'incident' | 'maintenance' | 'service-request' | 'problem';
  title: string;
  /** The Statuspage status at the build instant. */
  status: IncidentStatus | MaintenanceStatus;
  /** An incident not yet resolved, or a maintenance in its window, at the build instant. */
  active: boolean;
  /** A maintenance whose window starts after the build instant (and is not cancelled). */
  upcoming: boolean;
  /** A maintenance that was cancelled. */
  cancelled: boolean;
  /** A maintenance still in progress after its window ended: the page says that it overruns. */
  overrunning: boolean;
  impact: IncidentImpact;
  createdAt: string;
  updatedAt: string;
  startedAt: string;
  monitoringAt: string | null;
  resolvedAt: string | null;
  scheduledFor: string | null;
  scheduledUntil: string | null;
  /** Affected services (public model: public services only). */
  services: SiteAffected[];
  /** Public updates, newest first. */
  updates: SiteUpdate[];
  /** The post-incident review, when published (public) or written (internal). */
  review: { html: string; published: boolean } | null;
  /** Only in the internal model. */
  internal?: SiteTicketInternal;
  /**
   * Only in the internal model: `internal.priority` again, for the lists of tickets, which then
   * need not read every ticket's internal block (kept on disk with its timeline until a page asks).
   */
  priority?: string | null;
}

export interface SiteClock {
  state: 'met' | 'running' | 'at-risk' | 'paused' | 'breached' | 'not-applicable';
  due: string | null;
  elapsedMinutes: number;
  pausedMinutes: number;
}

export interface SiteAuditEntry {
  at: string;
  author: string;
  commit: string;
  /** Status before and after this commit (null when the file was created or had none). */
  from: string | null;
  to: string | null;
}

export interface SiteTicketInternal {
  file: string;
  /** The ticket status at the build instant (Opsbook's vocabulary). */
  status: string;
  priority: string | null;
  impact: string | null;
  urgency: string | null;
  customer: { id: string; name: string } | null;
  channel: string | null;
  reportedBy: string | null;
  assignee: string | null;
  team: string | null;
  category: string | null;
  cause: string | null;
  avoidable: boolean | null;
  duplicateOf: string | null;
  problem: string | null;
  related: string[];
  runbooks: string[];
  detectedAt: string | null;
  reportedAt: string;
  acknowledgedAt: string | null;
  /** Every timeline entry, oldest first, with internal notes. */
  timeline: {
    at: string;
    status: string | null;
    public: string | null;
    note: string | null;
    by: string | null;
  }[];
  /** The whole Markdown body, rendered. */
  bodyHtml: string;
  sla: { policy: string | null; response: SiteClock; resolution: SiteClock } | null;
  /** From Git history, when the site was built inside a repository. */
  audit: {
    created: { at: string; author: string } | null;
    lastChange: { at: string; author: string } | null;
    changes: SiteAuditEntry[];
  } | null;
}

export interface SiteRunbook {
  id: string;
  title: string;
  file: string;
  services: { id: string; name: string }[];
  scenario: string | null;
  owner: string | null;
  audience: 'internal' | 'public';
  lastReviewed: string | null;
  lastTested: string | null;
  rto: string | null;
  rpo: string | null;
  contacts: string[];
  /** Staleness as `opsbook runbooks` reports it. */
  stale: boolean;
  staleReasons: string[];
  html: string;
}

export interface SiteReport {
  /** Period as local dates, inclusive. */
  from: string;
  to: string;
  /** The periodic report rendered from its Markdown form. */
  html: string;
  /** SVG charts: file name and SVG text (generated, trusted). */
  charts: { file: string; title: string; svg: string }[];
}

export interface SiteSlaRow {
  id: string;
  title: string;
  priority: string | null;
  status: string;
  customer: string | null;
  response: SiteClock;
  resolution: SiteClock;
}

export interface SiteModel {
  audience: SiteAudience;
  /** The build instant (`--at`). */
  at: string;
  organization: SiteOrganization;
  status: { indicator: StatusIndicator; description: string };
  /** Services in catalogue order (public model: public services only). */
  services: SiteService[];
  /** Services by group, groups in order of their first service. */
  groups: SiteServiceGroup[];
  /** Tickets, newest first by `startedAt` (public model: published incidents and maintenance). */
  tickets: SiteTicket[];
  /** Only in the internal model. */
  runbooks?: SiteRunbook[];
  /** Only in the internal model: the latest periodic report (the last full month) first, then the last twelve months. */
  reports?: SiteReport[];
  sla?: { rows: SiteSlaRow[]; summary: Record<SiteClock['state'], number> };
  /** Only in the internal model: who is on duty for each team with a rota, at the build instant. */
  onDuty?: SiteDuty[];
}

/** A team's person on duty (internal). */
export interface SiteDuty {
  team: string;
  teamName: string;
  /** The person's name; null when nobody is on duty (outside the rota's hours, an uncovered shift). */
  person: string | null;
  github: string | null;
}
