/**
 * One event as a channel of an audience sees it, or null when the channel gets nothing of it.
 * Public channels see what the public status page shows: published tickets only, their public
 * texts, their status as the page names it and the effects on public services. Internal channels
 * also see notes, who wrote them and the ticket's internal facts. Pure.
 */

import type { NotificationChannel } from '../../model/schema-types.generated.ts';
import type { OpsbookConfig, Ticket } from '../../model/types.ts';
import { ownerTeam } from '../on-duty.ts';
import { effectivePriority, type PriorityMatrix } from '../priority.ts';
import { isPublished } from '../service-status.ts';
import { serviceIds } from '../sla-policy.ts';
import type { EffectChange, EventType, TicketEvent } from './events.ts';

export interface NotifyMessage {
  eventId: string;
  type: EventType;
  audience: 'public' | 'internal';
  ticketId: string;
  title: string;
  kind: Ticket['kind'];
  /** The status as the audience names it (public: the status page's word). */
  status: string;
  at: string;
  /** One line saying what happened, e.g. "New incident" or "Resolved". */
  headline: string;
  publicText: string | null;
  /** Internal only. */
  note: string | null;
  by: string | null;
  effects: { service: string; name: string; before: string | null; after: string | null }[];
  /** Label and value pairs shown under the text (internal: priority, customer, team ...). */
  facts: [string, string][];
  /** The ticket's page on the public status site, when it is published and the site has an address. */
  url: string | null;
  window: { from: string; until: string } | null;
}

/** The status page's words for ticket statuses (the Statuspage incident and maintenance statuses). */
const PUBLIC_STATUS: Readonly<Record<string, string>> = {
  new: 'investigating',
  triaged: 'investigating',
  investigating: 'investigating',
  identified: 'identified',
  pending: 'identified',
  'in-progress': 'in progress',
  monitoring: 'monitoring',
  resolved: 'resolved',
  closed: 'resolved',
  cancelled: 'cancelled',
  scheduled: 'scheduled',
  completed: 'completed',
};

function publicStatus(t: Pick<Ticket, 'kind'>, status: string): string {
  if (t.kind === 'maintenance' && status === 'in-progress') return 'in progress';
  return PUBLIC_STATUS[status] ?? status;
}

const HEADLINES: Record<EventType, (kind: string) => string> = {
  opened: (kind) => (kind === 'maintenance' ? 'Maintenance scheduled' : `New ${kind.replace('-', ' ')}`),
  'status-changed': () => 'Status changed',
  update: () => 'Update',
  'effect-changed': () => 'Effect on services changed',
  resolved: () => 'Resolved',
  'maintenance-started': () => 'Maintenance started',
  'maintenance-completed': () => 'Maintenance completed',
  'maintenance-overrunning': () => 'Maintenance overrunning',
  'sla-at-risk': () => 'SLA at risk',
  'sla-breached': () => 'SLA breached',
};

/** Events only internal channels get (SLA clocks are internal figures). */
const INTERNAL_ONLY: ReadonlySet<EventType> = new Set(['sla-at-risk', 'sla-breached']);

/** Whether the channel's filters let the ticket through. */
function channelWants(channel: NotificationChannel, t: Ticket, matrix: PriorityMatrix | undefined): boolean {
  if (channel.kinds && !channel.kinds.includes(t.kind)) return false;
  if (channel.services && !serviceIds(t.services).some((s) => channel.services?.includes(s))) return false;
  if (channel.priorities) {
    const priority = effectivePriority(t, matrix);
    if (priority === null || !(channel.priorities as string[]).includes(priority)) return false;
  }
  return true;
}

export function messageFor(
  event: TicketEvent,
  channel: NotificationChannel,
  config: OpsbookConfig,
  publicServices: ReadonlySet<string>,
  onDuty: (team: string) => { name: string } | null = () => null,
): NotifyMessage | null {
  const t = event.ticket;
  const matrix = config.priority?.matrix as PriorityMatrix | undefined;
  if (!channelWants(channel, t, matrix)) return null;
  const internal = channel.audience === 'internal';
  const published = isPublished(t, publicServices);
  const entry = event.entry;
  const publicText = entry?.public?.trim() ? entry.public : null;
  const visibleEffects = event.effects.filter((e) => internal || publicServices.has(e.service));
  if (!internal) {
    if (!published || INTERNAL_ONLY.has(event.type)) return null;
    const statusMoved =
      event.previousStatus === null ||
      publicStatus(t, event.previousStatus) !== publicStatus(t, entry?.status ?? t.status);
    const hasNews =
      event.type === 'opened' ||
      // A maintenance window that began or ended by the clock.
      (entry === null && t.kind === 'maintenance') ||
      publicText !== null ||
      visibleEffects.length > 0 ||
      (entry?.status !== undefined && statusMoved);
    if (!hasNews) return null;
  }
  const status = entry?.status ?? event.statusNow ?? t.status;
  const serviceName = (id: string) => config.services[id]?.name ?? id;
  const facts: [string, string][] = [];
  if (internal) {
    const priority = effectivePriority(t, matrix);
    if (priority) facts.push(['Priority', priority]);
    if (t.customer) facts.push(['Customer', config.customers?.[t.customer]?.name ?? t.customer]);
    if (t.team) facts.push(['Team', t.team]);
    if (t.assignee) facts.push(['Assignee', t.assignee]);
    const owner = ownerTeam(t, config.services);
    const duty = owner ? onDuty(owner) : null;
    if (duty) facts.push(['On duty', duty.name]);
  }
  const shownServices = serviceIds(t.services).filter((s) => internal || publicServices.has(s));
  if (shownServices.length > 0) facts.push(['Services', shownServices.map(serviceName).join(', ')]);
  const base = config.organization.url?.replace(/\/+$/, '');
  return {
    eventId: event.id,
    type: event.type,
    audience: internal ? 'internal' : 'public',
    ticketId: t.id,
    title: t.title,
    kind: t.kind,
    status: internal ? status : publicStatus(t, status),
    at: event.at,
    headline: HEADLINES[event.type](t.kind),
    publicText,
    note: internal ? (entry?.note?.trim() ? entry.note : (event.detail ?? null)) : null,
    by: internal && entry?.by ? entry.by : null,
    effects: visibleEffects.map((e: EffectChange) => ({ ...e, name: serviceName(e.service) })),
    facts,
    url: published && base ? `${base}/incidents/${t.id}/` : null,
    window:
      t.kind === 'maintenance' && t.scheduled_for && t.scheduled_until
        ? { from: t.scheduled_for, until: t.scheduled_until }
        : null,
  };
}
