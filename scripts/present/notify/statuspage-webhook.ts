/**
 * The generic `webhook` channel: Atlassian Statuspage's incident webhook payload
 * (`{meta, page, incident: {..., incident_updates}}`), so receivers built for Statuspage read
 * Opsbook's notifications unchanged. One event per POST: `incident_updates` holds the update
 * this event is about (Statuspage lists the newest first, so receivers read `[0]`).
 *
 * Ids follow the site's Statuspage API (`scripts/present/site/statuspage.ts`): the page id is
 * the organisation name as a slug, the incident id the ticket id in lower case. The update id
 * is the event id in lower case: stable, so a receiver can drop an event it has seen.
 * `page.status_indicator` and `incident.impact` come from this ticket's effects only (a webhook
 * about one incident does not know the whole page).
 */
import type { NotifyMessage } from '../../derive/notify/message.ts';
import type { Ticket } from '../../model/types.ts';
import { pageId } from '../site/statuspage.ts';
import { plainText } from './escape.ts';

const IMPACT: Record<string, 'none' | 'minor' | 'major' | 'critical' | 'maintenance'> = {
  major_outage: 'critical',
  partial_outage: 'major',
  degraded_performance: 'minor',
  under_maintenance: 'maintenance',
};
const RANK = ['none', 'minor', 'major', 'critical'];
const DESCRIPTION: Record<string, string> = {
  none: 'All Systems Operational',
  minor: 'Minor Service Outage',
  major: 'Partial System Outage',
  critical: 'Major System Outage',
  maintenance: 'Service Under Maintenance',
};

function impactOf(m: NotifyMessage, ticket: Ticket, publicServices: ReadonlySet<string>): string {
  if (m.kind === 'maintenance') return 'maintenance';
  let worst = 'none';
  for (const s of ticket.services ?? []) {
    if (typeof s === 'string' || !s.effect) continue;
    if (m.audience === 'public' && !publicServices.has(s.id)) continue;
    const impact = IMPACT[s.effect] ?? 'none';
    if (RANK.indexOf(impact) > RANK.indexOf(worst)) worst = impact;
  }
  return worst;
}

/** Statuspage's status words: `in_progress` with an underscore, `resolved` for closed tickets. */
function statuspageStatus(status: string): string {
  return status.replace(/ /g, '_');
}

function instant(text: string): string {
  return new Date(Date.parse(text)).toISOString();
}

export function statuspagePayload(
  m: NotifyMessage,
  ticket: Ticket,
  context: { organization: string; publicServices: ReadonlySet<string> },
): unknown {
  const page = pageId(context.organization);
  const incidentId = ticket.id.toLowerCase();
  const status = statuspageStatus(m.status);
  const impact = impactOf(m, ticket, context.publicServices);
  const at = instant(m.at);
  const body = m.publicText ?? m.note ?? '';
  const resolved = ['resolved', 'completed'].includes(status) ? (ticket.resolved_at ?? m.at) : null;
  const effects = m.effects.filter((e) => m.audience === 'internal' || context.publicServices.has(e.service));
  return {
    meta: { unsubscribe: null, documentation: 'docs/notifications.md' },
    page: { id: page, status_indicator: impact, status_description: DESCRIPTION[impact] },
    incident: {
      id: incidentId,
      name: plainText(ticket.title),
      status,
      impact,
      created_at: instant(ticket.reported_at),
      updated_at: at,
      started_at: instant(ticket.detected_at ?? ticket.reported_at),
      monitoring_at: status === 'monitoring' ? at : null,
      resolved_at: resolved ? instant(resolved) : null,
      scheduled_for: m.window ? instant(m.window.from) : null,
      scheduled_until: m.window ? instant(m.window.until) : null,
      shortlink: m.url,
      page_id: page,
      organization_id: page,
      backfilled: false,
      incident_updates: [
        {
          id: m.eventId.toLowerCase(),
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
