/**
 * A team's duty as an iCalendar feed (RFC 5545): one event per duty stretch, in UTC (no
 * VTIMEZONE needed), CRLF line ends, lines folded at 75 octets, text escaped.
 */

import type { DutyStretch } from '../derive/rota.ts';
import { icalendarUtc } from '../model/time.ts';

/** TEXT escaping (RFC 5545 3.3.11); control characters have no place in a calendar line. */
function icsText(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\u0000-\u0009\u000B-\u001F\u007F]/g, '')
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r?\n/g, '\\n')
  );
}

/** Folds a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1). */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

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
    `X-WR-CALNAME:${icsText(`${feed.teamName} on duty`)}`,
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
      `SUMMARY:${icsText(summary)}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
