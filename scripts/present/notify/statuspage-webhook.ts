/**
 * The generic `webhook` channel: Atlassian Statuspage's webhook payloads, so receivers built for
 * Statuspage read Opsbook's notifications unchanged: the incident payload
 * (`{meta, page, incident: {..., incident_updates}}`, one event per POST, `incident_updates`
 * holding the update this event is about, as Statuspage lists the newest first) and, for each
 * component whose status the event changed, a component payload
 * (`{meta, page, component_update, component}`).
 *
 * Ids follow the site's Statuspage API (`scripts/present/site/statuspage.ts`): the page id is
 * the organisation name as a slug, the incident id the ticket id as written, a component's id
 * its service id. The update id is the event id: stable, so a receiver can drop an event it has
 * seen. `page.status_indicator` and `incident.impact` come from this ticket's effects only (a
 * webhook about one incident does not know the whole page); a maintenance's impact follows its
 * effect, as on the site.
 */

import type { NotifyMessage } from '../../derive/notify/message.ts';
import { impactOf } from '../../derive/service-status.ts';
import { isoUtcMillisOf } from '../../model/time.ts';
import type { Ticket } from '../../model/types.ts';
import { pageId } from '../site/statuspage.ts';
import { plainText } from './escape.ts';

const DESCRIPTION: Record<string, string> = {
  none: 'All Systems Operational',
  minor: 'Minor Service Outage',
  major: 'Partial System Outage',
  critical: 'Major System Outage',
};

function impact(m: NotifyMessage, ticket: Ticket, publicServices: ReadonlySet<string>): string {
  return impactOf(ticket, m.audience === 'public' ? publicServices : null);
}

/** Statuspage's status words: `in_progress` with an underscore, `resolved` for closed tickets. */
function statuspageStatus(status: string): string {
  return status.replace(/ /g, '_');
}

export function statuspagePayload(
  m: NotifyMessage,
  ticket: Ticket,
  context: { organization: string; publicServices: ReadonlySet<string> },
): unknown {
  const page = pageId(context.organization);
  const incidentId = ticket.id;
  const status = statuspageStatus(m.status);
  const level = impact(m, ticket, context.publicServices);
  const at = isoUtcMillisOf(m.at);
  const body = m.publicText ?? m.note ?? '';
  const resolved = ['resolved', 'completed'].includes(status) ? (ticket.resolved_at ?? m.at) : null;
  const effects = m.effects.filter((e) => m.audience === 'internal' || context.publicServices.has(e.service));
  return {
    meta: { unsubscribe: null, documentation: 'docs/notifications.md' },
    page: { id: page, status_indicator: level, status_description: DESCRIPTION[level] },
    incident: {
      id: incidentId,
      name: plainText(ticket.title),
      status,
      impact: level,
      created_at: isoUtcMillisOf(ticket.reported_at),
      updated_at: at,
      started_at: isoUtcMillisOf(ticket.detected_at ?? ticket.reported_at),
      monitoring_at: status === 'monitoring' ? at : null,
      resolved_at: resolved ? isoUtcMillisOf(resolved) : null,
      scheduled_for: m.window ? isoUtcMillisOf(m.window.from) : null,
      scheduled_until: m.window ? isoUtcMillisOf(m.window.until) : null,
      shortlink: m.url,
      page_id: page,
      organization_id: page,
      backfilled: false,
      incident_updates: [
        {
          id: m.eventId,
          incident_id: incidentId,
          status,
          body: plainText(body),
          created_at: at,
          updated_at: at,
          display_at: at,
          affected_components:
            effects.length === 0
              ? null
              : effects.map((e) => ({
                  code: e.service,
                  name: plainText(e.name),
                  old_status: e.before ?? 'operational',
                  new_status: e.after ?? 'operational',
                })),
          deliver_notifications: true,
          wants_twitter_update: false,
        },
      ],
    },
  };
}

/** Statuspage's component payloads: one for each component whose status the event changed. */
export function statuspageComponentPayloads(
  m: NotifyMessage,
  ticket: Ticket,
  context: { organization: string; publicServices: ReadonlySet<string> },
): unknown[] {
  const page = pageId(context.organization);
  const at = isoUtcMillisOf(m.at);
  const level = impact(m, ticket, context.publicServices);
  return m.effects
    .filter((e) => m.audience === 'internal' || context.publicServices.has(e.service))
    .map((e) => ({
      meta: { unsubscribe: null, documentation: 'docs/notifications.md' },
      page: { id: page, status_indicator: level, status_description: DESCRIPTION[level] },
      component_update: {
        id: `${m.eventId}:${e.service}`,
        component_id: e.service,
        created_at: at,
        old_status: e.before ?? 'operational',
        new_status: e.after ?? 'operational',
      },
      component: {
        id: e.service,
        name: plainText(e.name),
        status: e.after ?? 'operational',
        created_at: at,
      },
    }));
}
