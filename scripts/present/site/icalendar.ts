/**
 * The iCalendar feed of scheduled maintenance (`/maintenance.ics`, RFC 5545): one VEVENT per
 * maintenance window, so staff and customers can subscribe in their calendar. A cancelled
 * maintenance stays in the feed with `STATUS:CANCELLED`, which is how a subscribed calendar
 * learns to drop it. Built from the public fields of the model only; the same model gives the
 * same bytes (`DTSTAMP` is the ticket's latest update, not the build instant).
 *
 * RFC 5545 rules kept here: CRLF line ends, content lines folded at 75 octets (never inside a
 * UTF-8 sequence), TEXT values escaped (`\\`, `;`, `,`, line breaks), UTC date-times.
 */

import type { SiteModel, SiteTicket } from '../../model/site.ts';
import { icalendarUtc } from '../../model/time.ts';
import { escapeIcalendarText, foldIcalendarLine } from '../escape.ts';
import { ticketUrl } from './feed.ts';

/** `20261114T190000Z` */
function dateTime(iso: string): string {
  return icalendarUtc(Date.parse(iso));
}

function event(ticket: SiteTicket, root: string, host: string): string[] {
  const url = ticketUrl(root, ticket.id);
  const latest = ticket.updates[0];
  const lines = [
    'BEGIN:VEVENT',
    `UID:${ticket.id}@${host}`,
    `DTSTAMP:${dateTime(ticket.updatedAt)}`,
    `DTSTART:${dateTime(ticket.scheduledFor ?? ticket.startedAt)}`,
  ];
  if (ticket.scheduledUntil) lines.push(`DTEND:${dateTime(ticket.scheduledUntil)}`);
  lines.push(
    `SUMMARY:${escapeIcalendarText(ticket.title)}`,
    `DESCRIPTION:${escapeIcalendarText([latest?.text ?? '', url].filter(Boolean).join('\n\n'))}`,
    `URL:${url}`,
    // Each update is a revision of the event, so calendars take the newest.
    `SEQUENCE:${ticket.updates.length}`,
    `STATUS:${ticket.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:TRANSPARENT',
  );
  if (ticket.services.length > 0) {
    lines.push(`CATEGORIES:${ticket.services.map((s) => escapeIcalendarText(s.name)).join(',')}`);
  }
  lines.push('END:VEVENT');
  return lines;
}

/** The calendar: every maintenance of the model with a window, soonest first. */
export function maintenanceCalendar(model: SiteModel, options: { root: string }): string {
  const host = new URL(options.root).host || 'opsbook';
  const maintenances = model.tickets
    .filter((t) => t.kind === 'maintenance' && t.scheduledFor !== null)
    .sort(
      (a, b) => Date.parse(a.scheduledFor ?? '') - Date.parse(b.scheduledFor ?? '') || (a.id < b.id ? -1 : 1),
    );
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Opsbook//Status page//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeIcalendarText(model.organization.name)}`,
    `X-WR-TIMEZONE:${model.organization.timezone}`,
    ...maintenances.flatMap((t) => event(t, options.root, host)),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldIcalendarLine).join('\r\n')}\r\n`;
}
