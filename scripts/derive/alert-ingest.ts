/**
 * What one monitoring alert event does to the tickets (docs/monitoring.md): open an incident,
 * add a timeline entry to the open incident that carries the alert's fingerprint, nothing (a
 * repeated delivery), or drop it (no rule matches). Pure: the event, the rules and the tickets
 * that carry the fingerprint in, a decision out; `opsbook ingest` writes it.
 */
import { localIso } from '../lib/args.ts';
import type { AlertEvent } from '../load/alert-payload.ts';
import { OPEN_STATUSES } from '../model/lifecycle.ts';
import type { Effect } from '../model/ticket-values.ts';
import { instantMs } from '../model/time.ts';
import type { MonitoringRule, OpsbookConfig, Ticket } from '../model/types.ts';
import type { NewTicketFields } from '../present/new-file.ts';
import { serviceIds } from './sla-policy.ts';
import type { UpdateRequest } from './ticket-update.ts';

/** The custom field that ties an incident to its alert, and marks each entry an alert made. */
const ALERT_FIELD = 'x-alert';

export type AlertDecision =
  | { kind: 'open'; fields: Omit<NewTicketFields, 'id'>; year: number }
  | { kind: 'update'; ticketId: string; request: UpdateRequest; marker: AlertEvent['status'] }
  | { kind: 'duplicate'; ticketId: string }
  | { kind: 'dropped'; reason: string };

export interface AlertContext {
  rules: readonly MonitoringRule[];
  services: OpsbookConfig['services'];
  publicServices: ReadonlySet<string>;
  zone: string;
}

/** The instant an event is about, to the second (tickets store seconds). */
export function eventMs(event: AlertEvent): number {
  const ms = (event.status === 'firing' ? event.startsMs : event.endsMs) ?? Number.NaN;
  return Math.floor(ms / 1000) * 1000;
}

/** Whether a ticket carries this alert: the same source and fingerprint in `x-alert`. */
export function carriesAlert(ticket: Ticket, event: Pick<AlertEvent, 'source' | 'fingerprint'>): boolean {
  const tag = ticket[ALERT_FIELD];
  if (typeof tag !== 'object' || tag === null) return false;
  const { source, fingerprint } = tag as { source?: unknown; fingerprint?: unknown };
  return source === event.source && fingerprint === event.fingerprint;
}

function matchRule(rules: readonly MonitoringRule[], labels: Record<string, string>): MonitoringRule | null {
  return (
    rules.find((r) =>
      Object.entries(r.match).every(([k, v]) => Object.hasOwn(labels, k) && labels[k] === v),
    ) ?? null
  );
}

function ruleEffect(rule: MonitoringRule, labels: Record<string, string>): Effect | undefined {
  const effect = rule.effect;
  if (effect === undefined || typeof effect === 'string') return effect;
  const severity = labels.severity;
  if (severity !== undefined && Object.hasOwn(effect, severity)) return effect[severity];
  return Object.hasOwn(effect, 'default') ? effect.default : undefined;
}

const EFFECT_WORDS: Record<string, string> = {
  major_outage: 'outage',
  partial_outage: 'partial outage',
  degraded_performance: 'degraded performance',
};

function describeLabels(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

/** The internal note of an event: what the monitoring system said, never published. */
function alertNote(event: AlertEvent, zone: string): string {
  const at = localIso(eventMs(event), zone);
  const lines = [
    `Alert ${event.status === 'firing' ? 'firing' : 'resolved'} (${event.source}, fingerprint ${event.fingerprint}) at ${at}.`,
  ];
  if (event.summary) lines.push(`Summary: ${event.summary}`);
  if (event.description) lines.push(event.description);
  const labels = describeLabels(event.labels);
  if (labels) lines.push(`Labels: ${labels}`);
  if (event.url) lines.push(`Source: ${event.url}`);
  return lines.join('\n');
}

function title(
  event: AlertEvent,
  rule: MonitoringRule,
  ctx: AlertContext,
  effect: Effect | undefined,
): string {
  if (rule.title) return rule.title;
  const name = ctx.services[rule.service]?.name ?? rule.service;
  // The title heads the status page: alert text on a public service would be published unread.
  if (ctx.publicServices.has(rule.service)) return `${name}: ${EFFECT_WORDS[effect ?? ''] ?? 'disruption'}`;
  return event.summary ?? event.labels.alertname ?? `${name}: alert ${event.fingerprint}`;
}

export function decideAlert(event: AlertEvent, tickets: readonly Ticket[], ctx: AlertContext): AlertDecision {
  const ms = eventMs(event);
  const carrying = tickets.filter((t) => carriesAlert(t, event));
  for (const t of carrying) {
    const seen = (t.timeline ?? []).some((e) => e[ALERT_FIELD] === event.status && instantMs(e.at) === ms);
    if (seen) return { kind: 'duplicate', ticketId: t.id };
  }
  const rule = matchRule(ctx.rules, event.labels);
  const labels = describeLabels(event.labels) || 'no labels';
  if (!rule) return { kind: 'dropped', reason: `no monitoring rule matches its labels (${labels})` };
  if (!Object.hasOwn(ctx.services, rule.service))
    return { kind: 'dropped', reason: `its rule names the unknown service "${rule.service}"` };
  const open = carrying.find((t) => t.kind === 'incident' && OPEN_STATUSES.has(t.status));
  const at = localIso(ms, ctx.zone);
  const note = alertNote(event, ctx.zone);
  const effect = ruleEffect(rule, event.labels);

  if (event.status === 'firing') {
    if (open) {
      return {
        kind: 'update',
        ticketId: open.id,
        marker: 'firing',
        request: {
          action: 'update',
          status: open.status === 'monitoring' ? 'investigating' : undefined,
          note,
          effects: effect ? [{ service: rule.service, effect }] : [],
          at,
        },
      };
    }
    return {
      kind: 'open',
      year: Number(at.slice(0, 4)),
      fields: {
        title: title(event, rule, ctx, effect),
        kind: 'incident',
        impact: rule.impact,
        urgency: rule.urgency,
        services: [effect ? { id: rule.service, effect } : rule.service],
        channel: 'monitoring',
        detectedAt: at,
        reportedAt: at,
        note,
        extra: { [ALERT_FIELD]: { source: event.source, fingerprint: event.fingerprint } },
        entryExtra: { [ALERT_FIELD]: 'firing' },
      },
    };
  }
  if (!open) return { kind: 'dropped', reason: 'it resolved, and no open incident carries its fingerprint' };
  const resolve = rule.on_resolved === 'resolved';
  const named = serviceIds(open.services).includes(rule.service);
  return {
    kind: 'update',
    ticketId: open.id,
    marker: 'resolved',
    request: {
      action: resolve ? 'resolve' : 'update',
      status: resolve || open.status === 'monitoring' ? undefined : 'monitoring',
      note,
      // While someone watches, the page says the service works again; a new firing restores the effect.
      effects: !resolve && effect && named ? [{ service: rule.service, effect: 'operational' }] : [],
      at,
    },
  };
}
