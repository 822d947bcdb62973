/**
 * A team's duty as an iCalendar feed (RFC 5545): one event per duty stretch, in UTC (no
 * VTIMEZONE needed), CRLF line ends, lines folded at 75 octets, text escaped.
 */

import type { DutyStretch } from '../derive/rota.ts';
import { icalendarUtc } from '../model/time.ts';
import { escapeIcalendarText, foldIcalendarLine } from './escape.ts';

export interface RotaFeed {
  team: string;
  teamName: string;
  stretches: readonly DutyStretch[];
  /** Display name of a person id. */
  name: (person: string) => string;
  /** DTSTAMP: the instant the feed is made for (the run's --at). */
  stampMs: number;
}

export function rotaIcs(feed: RotaFeed): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Opsbook//rota//EN',
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${escapeIcalendarText(`${feed.teamName} on duty`)}`,
  ];
  for (const s of feed.stretches) {
    const who = s.person === null ? 'Nobody on duty' : `On duty: ${feed.name(s.person)}`;
    const summary =
      s.absent === undefined
        ? who
        : `${who} (${s.person === null ? 'absent' : 'covering'}: ${feed.name(s.absent)})`;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${feed.team}-${icalendarUtc(s.startMs)}@opsbook`,
      `DTSTAMP:${icalendarUtc(feed.stampMs)}`,
      `DTSTART:${icalendarUtc(s.startMs)}`,
      `DTEND:${icalendarUtc(s.endMs)}`,
      `SUMMARY:${escapeIcalendarText(summary)}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldIcalendarLine).join('\r\n')}\r\n`;
}
