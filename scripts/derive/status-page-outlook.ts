/**
 * How a ticket will appear on the public status page, and where that would mislead: said by
 * `opsbook new` and `opsbook update` after writing, and checked by `opsbook validate`
 * (`status-page/no-effect`, `status-page/no-public-text`). Pure.
 */
import { OPEN_STATUSES } from '../model/lifecycle.ts';
import type { OpsbookConfig, Ticket } from '../model/types.ts';
import { isPublished } from './service-status.ts';
import type { StatusTicket } from './status-timeline.ts';

export type OutlookTicket = Pick<
  Ticket,
  'kind' | 'status' | 'impact' | 'services' | 'timeline' | 'duplicate_of'
> &
  StatusTicket;

const publicIdsByServices = new WeakMap<object, ReadonlySet<string>>();

/**
 * The services shown on the public status page (a service is public unless `public: false`).
 * Computed once per catalogue: validation asks for every ticket.
 */
export function publicServiceIds(config: Pick<OpsbookConfig, 'services'>): ReadonlySet<string> {
  let ids = publicIdsByServices.get(config.services);
  if (!ids) {
    ids = new Set(
      Object.entries(config.services)
        .filter(([, s]) => s.public !== false)
        .map(([id]) => id),
    );
    publicIdsByServices.set(config.services, ids);
  }
  return ids;
}

export interface StatusPageOutlook {
  published: boolean;
  /** The ticket's status (the effects hold only while it is open). */
  status: string;
  /** Public services with an effect other than operational. */
  publicEffects: { service: string; effect: string }[];
  /** Services with an effect that the status page does not show (not public). */
  hiddenEffects: string[];
  hasPublicText: boolean;
  /** An open incident with impact high on a public service, shown as operational. */
  missingEffect: boolean;
  /** Published with an effect, but readers get no words about it. */
  missingPublicText: boolean;
}

export function statusPageOutlook(t: OutlookTicket, publicServices: ReadonlySet<string>): StatusPageOutlook {
  const publicEffects: StatusPageOutlook['publicEffects'] = [];
  const hiddenEffects: string[] = [];
  let namesPublic = false;
  for (const entry of t.services ?? []) {
    const id = typeof entry === 'string' ? entry : entry.id;
    const effect = typeof entry === 'string' ? undefined : entry.effect;
    const isPublic = publicServices.has(id);
    if (isPublic) namesPublic = true;
    if (effect === undefined || effect === 'operational') continue;
    if (isPublic) publicEffects.push({ service: id, effect });
    else hiddenEffects.push(id);
  }
  const published = isPublished(t, publicServices);
  const hasPublicText = (t.timeline ?? []).some(
    (e) => typeof e.public === 'string' && e.public.trim() !== '',
  );
  return {
    published,
    status: t.status,
    publicEffects,
    hiddenEffects,
    hasPublicText,
    missingEffect:
      t.kind === 'incident' &&
      !t.duplicate_of &&
      OPEN_STATUSES.has(t.status) &&
      t.impact === 'high' &&
      namesPublic &&
      publicEffects.length === 0,
    missingPublicText: published && publicEffects.length > 0 && !hasPublicText,
  };
}

/** The outlook in a few lines for the command line. */
export function describeOutlook(
  o: StatusPageOutlook,
  serviceName: (id: string) => string,
  kind: string,
): string[] {
  const lines: string[] = [];
  const effects = o.publicEffects.map((e) => `${serviceName(e.service)} ${e.effect.replace(/_/g, ' ')}`);
  if (!o.published) {
    lines.push(
      kind === 'incident' || kind === 'maintenance'
        ? 'status page: not shown (no effect on a public service and no public text)'
        : 'status page: not shown (only incidents and maintenance are published)',
    );
  } else if (kind === 'maintenance') {
    lines.push(`status page: shown as maintenance${effects.length ? ` (${effects.join(', ')})` : ''}`);
  } else if (!OPEN_STATUSES.has(o.status)) {
    lines.push(`status page: shown as ${o.status} in the incident history; its effects have ended`);
  } else {
    lines.push(
      `status page: shown${effects.length ? `, ${effects.join(', ')}` : ' with its public updates'}`,
    );
  }
  if (o.hiddenEffects.length > 0) {
    lines.push(`  not public, so not shown: ${o.hiddenEffects.map(serviceName).join(', ')}`);
  }
  if (o.missingEffect) {
    lines.push(
      '  warning: impact high on a public service but no effect; the page says operational (add --effect)',
    );
  }
  if (o.missingPublicText) {
    lines.push('  warning: the page shows the effect with no words for readers (add --public TEXT)');
  }
  return lines;
}
