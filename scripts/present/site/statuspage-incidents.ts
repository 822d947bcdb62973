/**
 * The incidents and scheduled maintenances of the Statuspage API (`statuspage.ts`) with their
 * updates, newest first: each update says how the ticket's services changed with it
 * (`affected_components`), and a ticket without any update gets one for its current status.
 */
import type {
  ComponentStatus,
  IncidentStatus,
  MaintenanceStatus,
  SiteAffected,
  SiteLocale,
  SiteTicket,
  SiteUpdate,
} from '../../model/site.ts';
import { isoUtcMillisOf } from '../../model/time.ts';
import { standardUpdate, standardUpdateKey } from './standard-updates.ts';
import type {
  StatuspageAffectedComponent,
  StatuspageComponent,
  StatuspageIncident,
  StatuspageIncidentUpdate,
  StatuspageMaintenance,
} from './statuspage-types.ts';

/** What every incident of a build shares: the page, its address, its components, its language. */
export interface IncidentContext {
  pageId: string;
  pageUrl: string;
  components: Map<string, StatuspageComponent>;
  locale: SiteLocale;
}

function optionalInstant(text: string | null): string | null {
  return text === null ? null : isoUtcMillisOf(text);
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

function incidentUpdates(ticket: SiteTicket, context: IncidentContext): StatuspageIncidentUpdate[] {
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
function fallbackUpdate(ticket: SiteTicket, context: IncidentContext): SiteUpdate {
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

/** A published incident (or, with `maintenance`, a maintenance) as Statuspage gives it. */
export function incident(ticket: SiteTicket, context: IncidentContext): StatuspageIncident {
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

/** A published maintenance: an incident with its window. */
export function maintenance(ticket: SiteTicket, context: IncidentContext): StatuspageMaintenance {
  return {
    ...incident(ticket, context),
    scheduled_for: optionalInstant(ticket.scheduledFor),
    scheduled_until: optionalInstant(ticket.scheduledUntil),
  };
}
