/**
 * The status page's "past incidents" (the last days, each with the tickets that began on it, as
 * Statuspage's front page lists them) and the archive's months. Both by local date in the
 * organisation's zone; the site computes no status, only groups the model's tickets.
 */
import type { SiteTicket } from '../../model/site.ts';
import { dateOfEpochDay, epochDay, instantMs } from '../../model/time.ts';
import { localDate } from '../../model/zone-offsets.ts';

/** The local date (`YYYY-MM-DD`) of an ISO instant in a zone. */
function dayOf(iso: string, timeZone: string): string {
  return localDate(instantMs(iso), timeZone);
}

/** When a ticket is listed: a maintenance by its window, anything else by its start. */
function listedAt(ticket: SiteTicket): string {
  return ticket.scheduledFor ?? ticket.startedAt;
}

/**
 * The `days` local dates up to and including the date of `at`, newest first, each with the
 * incidents and maintenance that began on it (newest first). A maintenance still to come and a
 * cancelled one are not past events.
 */
export function pastDays(
  tickets: readonly SiteTicket[],
  at: string,
  timeZone: string,
  days = 14,
): { date: string; tickets: SiteTicket[] }[] {
  const today = dayOf(at, timeZone);
  const first = epochDay(today);
  const result: { date: string; tickets: SiteTicket[] }[] = [];
  const byDate = new Map<string, SiteTicket[]>();
  for (let i = 0; i < days; i++) {
    const date = dateOfEpochDay(first - i);
    const entry = { date, tickets: [] as SiteTicket[] };
    result.push(entry);
    byDate.set(date, entry.tickets);
  }
  const atMs = Date.parse(at);
  for (const ticket of tickets) {
    if (ticket.kind !== 'incident' && ticket.kind !== 'maintenance') continue;
    if (ticket.cancelled || ticket.upcoming || Date.parse(listedAt(ticket)) > atMs) continue;
    byDate.get(dayOf(listedAt(ticket), timeZone))?.push(ticket);
  }
  for (const entry of result) entry.tickets.sort((a, b) => Date.parse(listedAt(b)) - Date.parse(listedAt(a)));
  return result;
}

/** Consecutive runs of tickets by local month (`YYYY-MM`), in the given order. */
export function byMonth<T extends SiteTicket>(
  tickets: readonly T[],
  timeZone: string,
): { month: string; tickets: T[] }[] {
  const groups: { month: string; tickets: T[] }[] = [];
  for (const ticket of tickets) {
    const month = dayOf(listedAt(ticket), timeZone).slice(0, 7);
    const last = groups.at(-1);
    if (last?.month === month) last.tickets.push(ticket);
    else groups.push({ month, tickets: [ticket] });
  }
  return groups;
}
