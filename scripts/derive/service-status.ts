/**
 * The status page's derived data per service: which tickets are published, the spans in which a
 * ticket gives a service an effect, a ticket's impact, and each service's status at an instant.
 * Pure: every function takes the instant `at` (epoch milliseconds) and reads only what is known at
 * `at` (timeline entries after `at` have not happened yet). docs/status-page.md says the same
 * rules in a user's words; a ticket's phase is in `ticket-phase.ts`, the history with
 * availability in `service-history.ts`, the order of statuses in `component-severity.ts`.
 *
 * - Published (public site): an incident or a maintenance that names at least one public service
 *   and either has an effect other than `operational` on a public service, or is a maintenance,
 *   or has a timeline entry with `public` text. Service requests and problems never are.
 * - Effect: an incident gives each service with an effect other than `operational` that effect; a
 *   maintenance gives each service its effect (default `under_maintenance`); both for the stretches
 *   of `ticket-phase.ts`. Where tickets overlap the worst wins, so a maintenance never hides an
 *   outage.
 * - Impact of an incident or a maintenance: its worst effect over the services the audience sees
 *   (public: the public services only), critical/major/minor for major/partial outage/degraded
 *   performance, otherwise none.
 */
import type { ComponentStatus, IncidentImpact } from '../model/site.ts';
import { severity, statusOfSeverity, worstStatus } from './component-severity.ts';
import { isMaintenance, type StatusTicket, serviceEffect, serviceId } from './status-timeline.ts';
import { effectIntervals } from './ticket-phase.ts';

/** A stretch of time in which a ticket gives a service an effect. Epoch ms, `end` exclusive. */
export interface EffectSpan {
  ticket: string;
  service: string;
  effect: ComponentStatus;
  start: number;
  /** Infinity while the ticket is open at `at`. */
  end: number;
}

/** Whether the ticket appears on the public site (see the module comment). */
export function isPublished(t: StatusTicket, publicServices: ReadonlySet<string>): boolean {
  if (t.kind !== 'incident' && t.kind !== 'maintenance') return false;
  let namesPublic = false;
  let affectsPublic = false;
  for (const entry of t.services ?? []) {
    if (!publicServices.has(serviceId(entry))) continue;
    namesPublic = true;
    const effect = serviceEffect(entry);
    if (effect !== undefined && effect !== 'operational') affectsPublic = true;
  }
  if (!namesPublic) return false;
  if (affectsPublic || isMaintenance(t)) return true;
  return (t.timeline ?? []).some((e) => typeof e.public === 'string' && e.public.trim() !== '');
}

/**
 * The spans (epoch ms, end exclusive) in which the ticket gives its services an effect, as known
 * at `at`: an incident open at `at` ends at Infinity; a maintenance's planned window after `at`
 * is included (it changes no status before it starts). Services without an effect (an incident's)
 * or with `operational` have none; service requests and problems have none.
 */
export function effectSpans(t: StatusTicket, at: number): EffectSpan[] {
  const maintenance = isMaintenance(t);
  if (!maintenance && t.kind !== 'incident') return [];
  const affected: { service: string; effect: ComponentStatus }[] = [];
  for (const entry of t.services ?? []) {
    const effect = serviceEffect(entry) ?? (maintenance ? 'under_maintenance' : 'operational');
    if (severity(effect) > 0) affected.push({ service: serviceId(entry), effect });
  }
  if (affected.length === 0) return [];
  const spans: EffectSpan[] = [];
  for (const [start, end] of effectIntervals(t, at)) {
    for (const a of affected) spans.push({ ticket: t.id, service: a.service, effect: a.effect, start, end });
  }
  return spans;
}

/**
 * Statuspage's impact: a ticket's worst effect over the services the audience sees (the public
 * site: the public services only, so the impact never tells of an internal service; null: every
 * service), mapped as Statuspage maps component statuses. A maintenance that only puts services
 * under maintenance has the impact `none`; one that takes a service down is `critical`.
 */
export function impactOf(t: StatusTicket, shownServices: ReadonlySet<string> | null): IncidentImpact {
  const fallback: ComponentStatus = isMaintenance(t) ? 'under_maintenance' : 'operational';
  const shown = (t.services ?? []).filter((e) => shownServices === null || shownServices.has(serviceId(e)));
  const worst = worstStatus(shown.map((e) => serviceEffect(e) ?? fallback));
  if (worst === 'major_outage') return 'critical';
  if (worst === 'partial_outage') return 'major';
  if (worst === 'degraded_performance') return 'minor';
  return 'none';
}

/** The service's status at `at`: the worst effect of the spans that hold then. */
export function serviceStatusAt(spans: readonly EffectSpan[], service: string, at: number): ComponentStatus {
  let worst = 0;
  for (const s of spans) {
    if (s.service === service && s.start <= at && at < s.end) worst = Math.max(worst, severity(s.effect));
  }
  return statusOfSeverity(worst);
}
