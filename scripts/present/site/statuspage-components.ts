/**
 * The components of the Statuspage API (`statuspage.ts`): the services and their groups as
 * Statuspage components, with positions per level and `created_at`/`updated_at` taken from the
 * published tickets that name them (the Unix epoch without any), and the instants at which a
 * ticket changed what the page shows.
 */
import type { SiteModel, SiteService, SiteTicket } from '../../model/site.ts';
import { isoUtcMillis } from '../../model/time.ts';
import type { StatuspageComponent } from './statuspage-types.ts';

/**
 * The instant given where the data has none (a component that no ticket names, a page without
 * tickets): the Unix epoch, so that the documents depend on the published data alone.
 */
export const NO_DATA = 0;

/**
 * The latest instant up to `at` at which a ticket changed what the page shows, if any. A ticket's
 * `updatedAt` is the latest of its `createdAt` and its updates' instants (the model holds no update
 * after the build instant), so the updates are read (from the model's details, on a large desk a
 * read from disk per ticket) only for a ticket whose `updatedAt` is after `at`.
 */
export function latestTicketEvent(ticket: SiteTicket, at: number): number | undefined {
  let latest: number | undefined;
  const take = (event: string | null) => {
    const time = event === null ? Number.NaN : Date.parse(event);
    if (time <= at && (latest === undefined || time > latest)) latest = time;
  };
  take(ticket.createdAt);
  take(ticket.updatedAt);
  take(ticket.startedAt);
  take(ticket.monitoringAt);
  take(ticket.resolvedAt);
  take(ticket.scheduledFor);
  take(ticket.scheduledUntil);
  // Up to `at`, updatedAt is in `latest` already and no update is later.
  if (!(Date.parse(ticket.updatedAt) <= at)) for (const update of ticket.updates) take(update.at);
  return latest;
}

/**
 * The groups (each followed by its services) and the services outside any group, in page order,
 * and `updated`: the latest change of any of the tickets up to the build instant (the page's
 * `updated_at`; NO_DATA without one). A loop, not Math.max(...): spreading the instants of
 * 25,000 tickets overflows the stack.
 */
export function componentList(
  model: SiteModel,
  tickets: SiteTicket[],
  page: string,
): { components: StatuspageComponent[]; updated: number } {
  const at = Date.parse(model.at);
  const firstByService = new Map<string, number>();
  const latestByService = new Map<string, number>();
  let updated = NO_DATA;
  for (const ticket of tickets) {
    const created = Date.parse(ticket.createdAt);
    const latest = latestTicketEvent(ticket, at);
    if (latest !== undefined && latest > updated) updated = latest;
    for (const affected of ticket.services) {
      firstByService.set(affected.id, Math.min(firstByService.get(affected.id) ?? created, created));
      if (latest === undefined) continue;
      latestByService.set(affected.id, Math.max(latestByService.get(affected.id) ?? latest, latest));
    }
  }
  const createdOf = (service: SiteService) => firstByService.get(service.id) ?? NO_DATA;
  const updatedOf = (service: SiteService) =>
    Math.max(latestByService.get(service.id) ?? NO_DATA, createdOf(service));
  const serviceComponent = (
    service: SiteService,
    position: number,
    groupId: string | null,
  ): StatuspageComponent => ({
    id: service.id,
    name: service.name,
    status: service.status,
    created_at: isoUtcMillis(createdOf(service)),
    updated_at: isoUtcMillis(updatedOf(service)),
    position,
    description: service.description,
    showcase: true,
    start_date: null,
    group_id: groupId,
    page_id: page,
    group: false,
    only_show_if_degraded: false,
  });

  const components: StatuspageComponent[] = [];
  const grouped = new Set<string>();
  let topLevel = 0;
  for (const group of model.groups) {
    if (group.services.length === 0) continue;
    const id = `group-${group.id}`;
    const services = [...group.services].sort((a, b) => a.position - b.position);
    const children = services.map((service, index) => serviceComponent(service, index + 1, id));
    topLevel += 1;
    components.push({
      id,
      name: group.name ?? group.id,
      status: group.status,
      created_at: isoUtcMillis(Math.min(...services.map(createdOf))),
      updated_at: isoUtcMillis(Math.max(...services.map(updatedOf))),
      position: topLevel,
      description: null,
      showcase: false,
      start_date: null,
      group_id: null,
      page_id: page,
      group: true,
      only_show_if_degraded: false,
      components: children.map((child) => child.id),
    });
    components.push(...children);
    for (const service of services) grouped.add(service.id);
  }
  for (const service of model.services) {
    if (grouped.has(service.id)) continue;
    topLevel += 1;
    components.push(serviceComponent(service, topLevel, null));
  }
  return { components, updated };
}
